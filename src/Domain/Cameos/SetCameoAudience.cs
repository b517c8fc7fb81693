using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Who may use the cameo by default. The enum is ordered from the narrowest audience to the widest.</summary>
    public sealed record SetAudience(CameoAudience Audience) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now)
        {
            if (Audience == cameo.Audience) return Decision<object>.Accept();
            if (Audience == CameoAudience.Everyone && context.OwnerIsTeen)
                return Decision<object>.Refuse(Parental.ParentalErrors.TeenAudience, "A cameo of someone under 18 cannot be open to everyone.", "audience");
            // Narrowing never waits for anyone (revocation wins); opening up waits for a parent's co-signature.
            if (context.ParentCosigns && Audience > cameo.Audience)
                return context.Propose(cameo, new CameoChangeProposed(cameo.Id, context.NewGrantId, Audience, null, null, null, by, now));
            return Decision<object>.Accept(new CameoAudienceSet(cameo.Id, Audience, cameo.AudienceVersion + 1, by, now));
        }
    }
}

using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Who may use the cameo by default.</summary>
    public sealed record SetAudience(CameoAudience Audience) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now) =>
            Audience == cameo.Audience
                ? Decision<object>.Accept()
                : Decision<object>.Accept(new CameoAudienceSet(cameo.Id, Audience, cameo.AudienceVersion + 1, by, now));
    }
}

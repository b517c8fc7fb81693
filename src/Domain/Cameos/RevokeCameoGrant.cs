using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Ends a grant at once: no new use is accepted under it from the moment this commits.</summary>
    public sealed record RevokeGrant(Guid GrantId) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now)
        {
            var grant = cameo.Grants.FirstOrDefault(g => g.GrantId == GrantId);
            if (grant is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such grant on this cameo.", "grantId");
            return grant.IsRevoked ? Decision<object>.Accept() : Decision<object>.Accept(new CameoGrantRevoked(cameo.Id, GrantId, grant.GranteeId, by, now));
        }
    }
}

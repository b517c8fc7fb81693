using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Refuses an account even under EVERYONE; its grants end in the same decision.</summary>
    public sealed record Block(Guid AccountId) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now)
        {
            if (AccountId == cameo.OwnerId) return Decision<object>.Refuse(ErrorCodes.CannotTargetSelf, "You cannot block yourself.", "accountId");
            if (cameo.Blocked.Contains(AccountId)) return Decision<object>.Accept();
            // A block ends that account's grants too, in the same decision.
            var events = new List<object> { new CameoBlockAdded(cameo.Id, AccountId, by, now) };
            events.AddRange(cameo.Grants.Where(g => g.GranteeId == AccountId && !g.IsRevoked)
                .Select(g => new CameoGrantRevoked(cameo.Id, g.GrantId, AccountId, by, now)));
            return Decision<object>.Accept([.. events]);
        }
    }
}

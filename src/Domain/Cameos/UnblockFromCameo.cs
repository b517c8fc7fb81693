using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Lifts a cameo block. Ended grants stay ended.</summary>
    public sealed record Unblock(Guid AccountId) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now) =>
            cameo.Blocked.Contains(AccountId) ? Decision<object>.Accept(new CameoBlockRemoved(cameo.Id, AccountId, by, now)) : Decision<object>.Accept();
    }
}

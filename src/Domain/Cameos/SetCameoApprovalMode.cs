using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>When required, uses by others wait for the owner's approval before publishing.</summary>
    public sealed record SetApprovalMode(bool Required) : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now) =>
            Required == cameo.ApprovalRequired ? Decision<object>.Accept() : Decision<object>.Accept(new CameoApprovalModeSet(cameo.Id, Required, by, now));
    }
}

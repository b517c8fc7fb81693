using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>Declines a use waiting in approval mode; it is withdrawn. Any other use is a CONFLICT.</summary>
public static class DeclineCameoUse
{
    public static Decision<object> Decide(Cameo cameo, CameoUsage use, Guid by, DateTimeOffset now) =>
        cameo.PendingUses.Contains(use.Id)
            ? Decision<object>.Accept(new CameoUseDeclined(cameo.Id, use.Id, by, now))
            : Decision<object>.Refuse(ErrorCodes.Conflict, "That use is not waiting for approval.", "useId");
}

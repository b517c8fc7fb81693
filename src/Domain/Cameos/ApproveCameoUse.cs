using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>Approves a use waiting in approval mode; any other use is a CONFLICT.</summary>
public static class ApproveCameoUse
{
    public static Decision<object> Decide(Cameo cameo, CameoUsage use, Guid by, DateTimeOffset now) =>
        cameo.PendingUses.Contains(use.Id)
            ? Decision<object>.Accept(new CameoUseApproved(cameo.Id, use.Id, by, now))
            : Decision<object>.Refuse(ErrorCodes.Conflict, "That use is not waiting for approval.", "useId");
}

using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>
/// The owner deletes the cameo: every use is withdrawn (CameoUsageProjection) and the handler destroys its key, so the
/// recording, template and crop become unreadable while the history keeps the deletion.
/// </summary>
public static class DeleteCameo
{
    public static Decision<object> Decide(Cameo cameo, Guid by, DateTimeOffset now) => Decision<object>.Accept(new CameoDeleted(cameo.Id, by, now));
}

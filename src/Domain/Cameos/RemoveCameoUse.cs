using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

/// <summary>Removes any standing use of the owner's likeness, at any time; it is withdrawn with its videos.</summary>
public static class RemoveCameoUse
{
    public static Decision<object> Decide(Cameo cameo, CameoUsage use, Guid by, DateTimeOffset now) =>
        Decision<object>.Accept(new CameoUseRemoved(cameo.Id, use.Id, by, now));
}

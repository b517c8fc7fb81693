using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Undoes a deactivation.</summary>
    public sealed record Reactivate : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now) =>
            cameo.Active ? Decision<object>.Accept() : Decision<object>.Accept(new CameoReactivated(cameo.Id, by, now));
    }
}

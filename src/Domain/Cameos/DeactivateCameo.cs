using Sora.Domain.Common;

namespace Sora.Domain.Cameos;

public abstract partial record ConsentChange
{
    /// <summary>Stops every new use of the cameo, whatever the grants and audience.</summary>
    public sealed record Deactivate : ConsentChange
    {
        public override Decision<object> Decide(Cameo cameo, Guid by, ConsentChangeContext context, DateTimeOffset now) =>
            cameo.Active ? Decision<object>.Accept(new CameoDeactivated(cameo.Id, by, now)) : Decision<object>.Accept();
    }
}

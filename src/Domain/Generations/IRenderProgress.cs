namespace Sora.Domain.Generations;

/// <summary>Which part of a render the progress is about.</summary>
public enum RenderStep
{
    Rendering,
    Encoding,
}

/// <summary>
/// Render progress is not an event (DESIGN §5): the worker reports it here, and the host carries it to the
/// requester's subscriptions. Declared here so that Render needs nothing but Domain.
/// </summary>
public interface IRenderProgress
{
    Task ReportAsync(Generation generation, RenderStep step, int percent, CancellationToken ct);
}

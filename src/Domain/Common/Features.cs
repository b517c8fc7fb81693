using Marten;

namespace Sora.Domain.Common;

/// <summary>
/// One feature's part of the event store: its event type aliases, the inline documents and projections its decisions
/// read in their own transaction, and their indexes. Each feature folder holds its own; the host only lists them.
/// </summary>
public interface IStoreFeature
{
    void Configure(StoreOptions opts);
}

/// <summary>A message that travels on a durable queue to a worker (render, verification).</summary>
public sealed record WorkerJob(Type Message, string Queue);

/// <summary>A feature that sends work to workers: which messages go on which durable queue.</summary>
public interface IWorkerFeature
{
    IEnumerable<WorkerJob> Jobs { get; }
}

/// <summary>A feature whose decisions refuse with codes of its own: the schema's UserErrorCode enum lists them.</summary>
public interface IUserErrorFeature
{
    IEnumerable<string> UserErrorCodes { get; }
}

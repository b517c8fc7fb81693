using JasperFx;
using JasperFx.Events;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Render.Dispatch;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Sora.GraphQL.Composition;

public static class WolverineSetup
{
    /// <summary>Cameo recordings wait here for a worker (see VerifyCameoRecordingHandler).</summary>
    public const string VerificationQueue = "verification";

    public static void Configure(WolverineOptions opts, HostRole role, NodeOptions? nodes = null)
    {
        nodes ??= new NodeOptions();
        opts.ServiceName = "sora";
        // Pinned: otherwise Wolverine adopts whichever assembly started first (a test or bench runner).
        opts.ApplicationAssembly = typeof(WolverineSetup).Assembly;
        opts.Discovery.IncludeAssembly(typeof(SignUp).Assembly);
        opts.Discovery.IncludeAssembly(typeof(RenderQueue).Assembly);

        // Commands from GraphQL carry the acting account as the envelope's user name; Marten stamps it on
        // every event the handler appends (user_name column).
        opts.EnableRelayOfUserName = true;

        // Two writers on one stream: the loser reloads and decides again against the winner's state. That
        // includes two writers both creating a stream (a first follow racing a first block).
        opts.OnException<ConcurrencyException>()
            .Or<EventStreamUnexpectedMaxEventIdException>()
            .Or<ExistingStreamIdCollisionException>()
            .Or<Marten.Exceptions.ExistingStreamIdCollisionException>()
            .RetryTimes(10);

        // A worker that dies mid-render (OOM, lost machine) holds its job in the durable inbox; once its heartbeat is
        // stale the leader ejects it and the job is recovered by another worker.
        opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(nodes.HeartbeatSeconds);
        opts.Durability.FirstHealthCheckExecution = TimeSpan.FromSeconds(Math.Min(3, nodes.HeartbeatSeconds));
        opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(nodes.StaleAfterSeconds);

        opts.Policies.UseDurableInboxOnAllListeners();
        opts.Policies.UseDurableOutboxOnAllSendingEndpoints();

        // Workers consume the render and verification queues; API-only nodes publish to them but never take jobs.
        opts.PublishMessage<RenderQueueProbe>().ToPostgresqlQueue(RenderQueue.Name);
        opts.PublishMessage<Sora.Domain.Generations.RenderVideo>().ToPostgresqlQueue(RenderQueue.Name);
        opts.PublishMessage<VerifyCameoRecording>().ToPostgresqlQueue(VerificationQueue);
        if (role.HasFlag(HostRole.Worker))
        {
            // A render keeps both cores busy (ONNX batches, compositing, x264): one at a time per worker.
            opts.ListenToPostgresqlQueue(RenderQueue.Name).MaximumParallelMessages(1);
            // CPU-heavy (ONNX over every sampled frame): one at a time per worker; more workers, more throughput.
            opts.ListenToPostgresqlQueue(VerificationQueue).MaximumParallelMessages(1);
        }
    }
}

using JasperFx;
using JasperFx.Events;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Render.Dispatch;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Postgresql;

namespace Sora.GraphQL.Composition;

public static class WolverineSetup
{
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

        // Each feature names the jobs it sends to workers and their queue; the operator's probe shares the render queue.
        // Workers consume those queues; API-only nodes publish to them but never take jobs.
        var jobs = Sora.Domain.DomainFeatures.WorkerJobs.Append(new WorkerJob(typeof(RenderQueueProbe), RenderQueue.Name)).ToList();
        foreach (var job in jobs) opts.Publish(rule => rule.Message(job.Message).ToPostgresqlQueue(job.Queue));
        if (role.HasFlag(HostRole.Worker))
        {
            // A render keeps both cores busy (ONNX batches, compositing, x264), and a verification runs ONNX over every
            // sampled frame: one job at a time per worker per queue; more workers, more throughput.
            foreach (var queue in jobs.Select(j => j.Queue).Distinct()) opts.ListenToPostgresqlQueue(queue).MaximumParallelMessages(1);
        }
    }
}

using System.Reflection;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sora.Integration.Tests.Support;
using Wolverine.Runtime;
using Wolverine.Runtime.Handlers;
using Xunit;
using Xunit.Abstractions;

namespace Sora.Integration.Tests.Architecture;

/// <summary>
/// Every Wolverine handler the running host discovered, by project: one that writes to Marten (appends events, stores
/// documents, opens a writing session or takes one) must live in src/Domain. Read from the handler graph Wolverine
/// built and from the handlers' compiled code, so a write hidden in a helper method or an async state machine counts.
/// </summary>
public sealed class HandlerPlacementTests(AppFixture fixture, ITestOutputHelper output) : IntegrationTest(fixture)
{
    /// <summary>Handlers outside Domain allowed to write, each with its reason. Empty: none needs to.</summary>
    private static readonly Dictionary<Type, string> Exceptions = new();

    /// <summary>
    /// What makes a change happen outside a projection: appending events, and opening or committing a writing session.
    /// Projections write their read models through the operations Marten hands them, in the transaction of the events
    /// they fold (that is what the read side is for), and never commit anything themselves.
    /// </summary>
    private static readonly HashSet<string> SessionWrites =
    [
        "SaveChanges", "SaveChangesAsync", "Append", "AppendOne", "AppendMany", "StartStream", "FetchForWriting", "FetchForExclusiveWriting",
        "WriteToAggregate", "LightweightSession", "IdentitySession", "DirtyTrackedSession", "OpenSession", "LightweightSerializableSessionAsync",
    ];

    /// <summary>Marten and JasperFx methods that write, or open what writes: the session writes and every document write.</summary>
    private static readonly HashSet<string> Writes =
    [
        .. SessionWrites, "Store", "Insert", "Update", "Delete", "DeleteWhere", "HardDelete", "HardDeleteWhere", "QueueSqlCommand", "Patch",
    ];

    private static bool IsMarten(Type? type) =>
        type?.Namespace is { } ns && (ns.StartsWith("Marten", StringComparison.Ordinal) || ns.StartsWith("JasperFx.Events", StringComparison.Ordinal));

    private static IEnumerable<string> WritesOf(Type handler, MethodInfo method)
    {
        foreach (var p in method.GetParameters())
            if (typeof(IDocumentSession).IsAssignableFrom(p.ParameterType) || p.ParameterType.Name.StartsWith("IEventStream", StringComparison.Ordinal))
                yield return $"takes {p.ParameterType.Name} {p.Name}";
        foreach (var call in IlCalls.Of(handler).Where(c => IsMarten(c.DeclaringType) && Writes.Contains(c.Name)).Select(c => $"{c.DeclaringType!.Name}.{c.Name}").Distinct())
            yield return "calls " + call;
    }

    private static string ProjectOf(Type type) => type.Assembly.GetName().Name switch
    {
        "Sora.Domain" => "src/Domain",
        "Sora.Projections" => "src/Projections",
        "Sora.Render" => "src/Render",
        "Sora.GraphQL" => "src/GraphQL",
        var other => other ?? "?",
    };

    /// <summary>The graph Wolverine built; its accessor is not public in Wolverine 6, the graph and its chains are.</summary>
    private static HandlerGraph HandlerGraphOf(IWolverineRuntime runtime)
    {
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var graph = runtime.GetType().GetProperty("Handlers", any)?.GetValue(runtime)
                    ?? runtime.Options.GetType().GetProperty("HandlerGraph", any)?.GetValue(runtime.Options);
        return Assert.IsType<HandlerGraph>(graph);
    }

    [Fact]
    public void Handlers_that_write_live_in_Domain()
    {
        var runtime = Host.App.Services.GetRequiredService<IWolverineRuntime>();
        var handlers = HandlerGraphOf(runtime).Chains
            .SelectMany(chain => chain.Handlers.Select(h => (Message: chain.MessageType, Type: h.HandlerType, h.Method)))
            .Where(h => h.Type.Assembly.GetName().Name!.StartsWith("Sora.", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(handlers);

        foreach (var group in handlers.GroupBy(h => ProjectOf(h.Type)).OrderBy(g => g.Key))
            output.WriteLine($"{group.Key}: {group.Count()} handlers ({string.Join(", ", group.Select(h => h.Message.Name).Order())})");

        var misplaced = handlers
            .Where(h => ProjectOf(h.Type) != "src/Domain" && !Exceptions.ContainsKey(h.Type))
            .SelectMany(h => WritesOf(h.Type, h.Method).Select(w => $"{ProjectOf(h.Type)}: {h.Type.Name} ({h.Message.Name}) {w}"))
            .Distinct()
            .ToList();
        Assert.True(misplaced.Count == 0, "handlers that write outside src/Domain:\n" + string.Join("\n", misplaced));

        // And the check sees writes at all: every Domain handler that decides is found writing.
        var signUp = handlers.Single(h => h.Message.Name == "SignUp");
        Assert.Contains(WritesOf(signUp.Type, signUp.Method), w => w.Contains("SaveChangesAsync"));
        var finish = handlers.Single(h => h.Message.Name == "FinishRender");
        Assert.Contains(WritesOf(finish.Type, finish.Method), w => w.Contains("FetchForWriting"));
    }

    [Fact]
    public void A_face_template_travels_in_memory_only_never_on_a_durable_queue()
    {
        // CompleteVerification carries a face template and crop (biometric data): Render invokes it in process, and it
        // must never be routed to a queue, where Wolverine would persist it in its envelope tables.
        var runtime = Host.App.Services.GetRequiredService<IWolverineRuntime>();
        Assert.DoesNotContain(Sora.Domain.DomainFeatures.WorkerJobs, j => j.Message == typeof(Sora.Domain.Cameos.CompleteVerification));
        var finding = new Sora.Domain.Cameos.CompleteVerification(Guid.NewGuid(), "sha", null, [1f], [1]);
        var destinations = runtime.RoutingFor(finding.GetType()).RouteForSend(finding, null).Select(e => e.Destination!).ToList();
        Assert.All(destinations, d => Assert.Equal("local", d.Scheme));
        // The check sees queues: a render job is routed to the durable render queue.
        var job = new Sora.Domain.Generations.RenderVideo(Guid.NewGuid());
        Assert.Contains(runtime.RoutingFor(job.GetType()).RouteForSend(job, null), e => e.Destination!.Scheme != "local");
    }

    /// <summary>Code outside Domain that writes to Marten, each with its reason.</summary>
    private static readonly Dictionary<string, string> Writers = new()
    {
        // Ranking reads the viewer's profile and the served-page record is appended in the same transaction under the
        // viewer's lock, so two tabs get one page after the other and the daily scroll cap is exact (docs/feed.md).
        ["Sora.Projections.Feed.FeedService"] = "the served-page record shares the ranking's transaction and viewer lock",
        // The operator's command line runs without a Wolverine runtime: it opens the session and calls Domain's
        // ChangeRoleHandler itself, so the decision is still Domain's.
        ["Sora.GraphQL.Operations.AdminCommand"] = "the operator CLI calls Domain's handler directly",
    };

    /// <summary>Projections and session listeners write their own read models: that is what they are for.</summary>
    private static bool IsProjection(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.Namespace is { } ns && (ns.StartsWith("Marten.Events", StringComparison.Ordinal) || ns.StartsWith("JasperFx.Events", StringComparison.Ordinal)
                                          || ns.StartsWith("Marten.Services", StringComparison.Ordinal) || t.Name.Contains("SessionListener")))
                return true;
        return false;
    }

    [Fact]
    public void Nothing_outside_Domain_writes_to_Marten_but_the_named_exceptions()
    {
        var assemblies = new[]
        {
            typeof(Sora.Projections.SoraProjections).Assembly, typeof(Sora.Render.Generations.VideoRenderer).Assembly,
            typeof(Sora.GraphQL.Composition.SoraHost).Assembly,
        };
        var writers = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && !IsProjection(t))
            .Select(t => (Type: t, Writes: IlCalls.Of(t).Where(c => IsMarten(c.DeclaringType) && SessionWrites.Contains(c.Name))
                .Select(c => $"{c.DeclaringType!.Name}.{c.Name}").Distinct().ToList()))
            .Where(w => w.Writes.Count > 0)
            .ToList();
        foreach (var (type, writes) in writers) output.WriteLine($"{type.FullName}: {string.Join(", ", writes)}");
        var unexplained = writers.Where(w => !Writers.ContainsKey(w.Type.FullName!)).Select(w => $"{w.Type.FullName}: {string.Join(", ", w.Writes)}").ToList();
        Assert.True(unexplained.Count == 0, "code outside src/Domain that writes to Marten:\n" + string.Join("\n", unexplained));
        // Every named exception still writes: one that stopped is taken off the list.
        Assert.Equal(Writers.Keys.Order(), writers.Select(w => w.Type.FullName!).Where(Writers.ContainsKey).Order());
    }
}

using JasperFx;
using Marten;
using Sora.Domain.Social;
using Sora.GraphQL.Composition;
using Sora.Integration.Tests.Support;
using Sora.Projections.Social;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>The JasperFx command line an operator uses, run through the same entry as Program.cs.</summary>
[Collection("app")]
public sealed class CommandLineTests
{
    private const string Schema = "sora_cli";

    private static Task<int> RunAsync(params string[] args)
    {
        var app = SoraHost.Build(args, builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SORA_DATABASE_URL"] = TestSettings.DatabaseUrl,
            ["Sora:Schema"] = Schema,
            ["Sora:Daemon"] = "Solo",
            ["Sora:Auth:SigningKey"] = TestSettings.SigningKey,
            ["Sora:Privacy:MasterKey"] = TestSettings.MasterKey,
            ["Sora:Provenance:SigningKey"] = TestSettings.ProvenanceKey,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        return app.RunJasperFxCommands(HostRoles.Extract(args).Remaining);
    }

    [Fact]
    public async Task Db_apply_then_projection_rebuild_restores_a_wiped_read_model()
    {
        Assert.Equal(0, await RunAsync("db-apply"));

        var store = DocumentStore.For(opts => MartenSetup.Configure(opts, DatabaseUrl.ToConnectionString(TestSettings.DatabaseUrl), Schema, new Sora.Domain.Text.LexicalPromptEmbedder()));
        await store.Advanced.ResetAllData();
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Relationship>(Relationship.IdFor(a, b), new Followed(a, b, DateTimeOffset.UtcNow));
            session.Events.StartStream<Relationship>(Relationship.IdFor(c, b), new Followed(c, b, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        }

        Assert.Equal(0, await RunAsync("projections", "rebuild", "-p", "AccountStats"));

        await using var query = store.QuerySession();
        var stats = await query.LoadAsync<AccountStats>(b);
        Assert.NotNull(stats);
        Assert.Equal(2, stats.Followers);
        Assert.Equal(1, (await query.LoadAsync<AccountStats>(a))!.Following);
        store.Dispose();
    }

    [Fact]
    public async Task Codegen_previews_the_generated_wolverine_handlers()
    {
        try
        {
            Assert.Equal(0, await RunAsync("codegen", "preview"));
        }
        finally
        {
            // The codegen command sets a process-wide flag that makes every later Wolverine host in this test process
            // start in MediatorOnly mode (no queues, no outbox). A real CLI process exits; this one must reset it.
            JasperFx.CodeGeneration.DynamicCodeBuilder.WithinCodegenCommand = false;
        }
    }
}

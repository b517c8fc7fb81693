using Sora.Domain.Media;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Sora.Domain.Text;
using Sora.Projections;
using Wolverine.Marten;

namespace Sora.GraphQL.Composition;

public static class MartenSetup
{
    /// <summary>
    /// The event store. Daemon mode: HotCold in production (one node runs each projection, another takes over
    /// when it dies); tests switch to Solo with Sora:Daemon=Solo.
    /// </summary>
    public static IServiceCollection AddSoraEventStore(this IServiceCollection services, string connectionString,
        SoraOptions sora, IConfiguration config)
    {
        var daemonMode = Enum.Parse<DaemonMode>(config["Sora:Daemon"] ?? nameof(DaemonMode.HotCold), ignoreCase: true);
        services.AddMarten(sp =>
            {
                var opts = new StoreOptions();
                Configure(opts, connectionString, sora.Schema, sp.GetRequiredService<IPromptEmbedder>());
                return opts;
            })
            .UseLightweightSessions()
            // Every table exists before the first request: raw SQL read models must not depend on which
            // document type happened to be touched first. Production runs "db-apply" ahead of this.
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(daemonMode)
            .IntegrateWithWolverine(integration => integration.MessageStorageSchemaName = sora.Schema);
        return services;
    }

    /// <param name="embedder">The prompt embedder the inline feed projection writes content vectors with (the
    /// host's sentence model; a store that never publishes can pass the lexical one).</param>
    public static void Configure(StoreOptions opts, string connectionString, string schema, IPromptEmbedder embedder)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = schema;
        opts.Events.DatabaseSchemaName = schema;

        // Who and why on every event: correlation (request), causation (message) and user (acting account),
        // plus free-form headers. Auditors read these to tie an event to the request that caused it.
        opts.Events.MetadataConfig.EnableAll();
        opts.Events.MetadataConfig.UserNameEnabled = true;

        // Rich appends assign sequence numbers before inline projections and session listeners run: the social
        // read models page by sequence, and notifications carry it. Quick appends would leave both at 0.
        opts.Events.AppendMode = EventAppendMode.Rich;

        // Development creates tables on demand; production runs "db-apply" (./sora up does) and can pin None.
        opts.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;

        // Every feature, write side and read side, configures its own part of the store.
        SoraProjections.Register(opts, embedder);
    }
}

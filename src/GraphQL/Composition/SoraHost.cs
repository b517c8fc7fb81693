using Microsoft.Extensions.DependencyInjection.Extensions;
using Sora.Projections.Feed;
using Npgsql;
using Sora.Domain.Accounts;
using Sora.Domain.Privacy;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Operations;
using Sora.GraphQL.Transport;
using Sora.GraphQL.Transport.WebSockets;
using Wolverine;

namespace Sora.GraphQL.Composition;

/// <summary>Builds the one host binary. Program.cs and the tests both come through here, so they cannot drift.</summary>
public static class SoraHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var (rest, role) = HostRoles.Extract(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = rest, ContentRootPath = AppContext.BaseDirectory });
        if (role is not null) builder.Configuration[$"{SoraOptions.Section}:Role"] = role;
        configure?.Invoke(builder);
        builder.AddSora();
        var app = builder.Build();
        app.MapSora();
        return app;
    }

    public static void AddSora(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var section = config.GetSection(SoraOptions.Section);
        var sora = section.Get<SoraOptions>() ?? new SoraOptions();
        builder.Services.Configure<SoraOptions>(section);

        var database = config["SORA_DATABASE_URL"] ?? sora.Database
            ?? throw new InvalidOperationException("Set SORA_DATABASE_URL (or Sora:Database); ./sora up does this for its own cluster.");
        var connectionString = DatabaseUrl.ToConnectionString(database);
        var role = HostRoles.Parse(sora.Role);
        var masterKey = Convert.FromBase64String(sora.Privacy.MasterKey
            ?? throw new InvalidOperationException("Sora:Privacy:MasterKey is not set (./sora up generates one in .sora/keys.env)."));

        var services = builder.Services;
        // TryAdd: a host that embeds Sora (the tests) may bring its own clock.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(new PersonalDataVault(masterKey));
        services.AddSingleton(new PrivacyPolicy
        {
            DeletionGrace = TimeSpan.FromDays(sora.Privacy.DeletionGraceDays),
            ExportLifetime = TimeSpan.FromHours(sora.Privacy.ExportLinkHours),
            ExportsPerDay = sora.Privacy.ExportsPerDay,
        });
        // Each feature erases its own part of a deleted account: every IAccountEraser in the write and read sides.
        foreach (var eraser in new[] { typeof(SignUp).Assembly, typeof(Sora.Projections.Feed.FeedService).Assembly }
                     .SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAccountEraser).IsAssignableFrom(t)))
            services.AddSingleton(typeof(IAccountEraser), eraser);
        services.AddSingleton<AccountErasers>();
        services.AddSingleton(sora.Moderation.PromptPolicy.Build(masterKey));
        services.AddSingleton(new PasswordHasher(sora.Accounts.PasswordIterations));
        services.AddSingleton(new AccountPolicy
        {
            BootstrapAdminHandles = sora.Accounts.BootstrapAdmins.Select(Handles.Normalize).ToHashSet(),
        });
        services.AddSoraLikenessModels(config);
        services.AddSoraGeneration(sora);
        services.AddSingleton<TokenService>();
        services.AddSingleton(sp => new CredentialThrottle(sora.Auth.Throttle, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ViewerResolver>();
        services.AddSingleton<Media.MediaUrls>();

        services.AddSoraEventStore(connectionString, sora, config);
        builder.Host.UseWolverine(opts => WolverineSetup.Configure(opts, role, sora.Nodes));
        services.AddSoraGraphQL(sora.GraphQL);

        var health = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<ProjectionDaemonHealthCheck>("projections", tags: ["ready"]);
        services.AddSingleton<ProjectionDaemonHealthCheck>();
        // Every node: the RecordView handler needs it wherever Wolverine builds the handler, and an idle one costs nothing.
        services.AddSingleton<Sora.Domain.Feed.IViewsAppended, Sora.Projections.Feed.FoldAppendedViews>();
        services.AddSingleton<Sora.Domain.Feed.ViewIngest>();
        services.AddHostedService(sp => sp.GetRequiredService<Sora.Domain.Feed.ViewIngest>());
        if (role.HasFlag(HostRole.Api))
        {
            services.AddHttpContextAccessor();
            services.AddSingleton(new Sora.GraphQL.Schema.Feed.ClientRegion(sora.Network));
            services.AddSingleton<Sora.Projections.Feed.FeedService>();
            services.AddSingleton<PgNotificationListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PgNotificationListener>());
            health.AddCheck<NotificationListenerHealthCheck>("notifications", tags: ["ready"]);
        }
        // Jobs of a dead worker come back to the living ones (see WorkerInboxRecovery for why Wolverine alone does not).
        if (role.HasFlag(HostRole.Worker))
        {
            services.AddHostedService<Sora.Render.Dispatch.WorkerInboxRecovery>();
            // A render left RENDERING with no worker on it (a last delivery that failed before it could report) ends FAILED.
            services.AddSingleton<Sora.Render.Generations.StalledRenderSweeper>();
            services.AddHostedService(sp => sp.GetRequiredService<Sora.Render.Generations.StalledRenderSweeper>());
            // Grace periods and export links end without anyone acting: the sweep deletes due accounts and expired archives.
            services.AddSingleton<Sora.Render.Privacy.PrivacySweeper>();
            services.AddHostedService(sp => sp.GetRequiredService<Sora.Render.Privacy.PrivacySweeper>());
        }

        builder.AddSoraTelemetry(sora.Telemetry);
    }

    public static void MapSora(this WebApplication app)
    {
        var role = HostRoles.Parse(app.Configuration[$"{SoraOptions.Section}:Role"]);
        app.UseServiceUnavailable();
        app.MapSoraHealth();
        if (!role.HasFlag(HostRole.Api)) return;

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.Map("/graphql", http => http.WebSockets.IsWebSocketRequest
            ? WebSocketEndpoint.HandleAsync(http)
            : HttpEndpoint.HandleAsync(http));
        app.MapGraphiQL(app.Configuration["Sora:GraphiQLPath"]);
        app.MapPut("/cameos/{cameoId}/recording", Schema.Cameos.RecordingUpload.HandleAsync);
        app.MapGet("/audit/cameos/{cameoId}/export", Schema.Cameos.ConsentExport.HandleAsync);
        app.MapPost("/media/uploads", Media.MediaUpload.HandleAsync);
        app.MapPost("/takedown", Schema.Moderation.TakedownRequests.HandleAsync);
        app.MapPost("/optouts", Schema.Moderation.LikenessOptOutOperations.StartAsync);
        app.MapPut("/optouts/{optOutId}/recording", Schema.Moderation.LikenessOptOutOperations.UploadAsync);
        app.MapGet("/disputes/{disputeId}/evidence/{side}", Schema.Moderation.DisputeEvidenceDownload.HandleAsync);
        app.MapGet("/media/{id}", Media.MediaDownload.HandleAsync);
        app.MapGet("/exports/{exportId}/archive", Schema.Privacy.DataExportDownload.HandleAsync);
        app.MapWebApp(app.Configuration["Sora:WebAppPath"], new Dictionary<string, string>
        {
            ["graphql"] = "/graphql",
            ["subscriptions"] = "ws /graphql (graphql-transport-ws)",
            ["graphiql"] = "/graphiql",
            ["uploads"] = "POST /media/uploads (image for image-to-video)",
            ["live"] = "/health/live",
            ["ready"] = "/health/ready",
        });
    }
}

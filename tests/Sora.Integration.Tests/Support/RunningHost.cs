using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Notifications;

namespace Sora.Integration.Tests.Support;

/// <summary>
/// The real host (SoraHost.Build, as in production) on Kestrel at a free loopback port. A real socket, not a
/// TestServer, because the npm reference clients run in Node and must connect to it.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public IServiceProvider Services => App.Services;
    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();
    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/graphql");

    /// <summary>The configuration every test node gets (also handed to out-of-process nodes as environment variables).</summary>
    public static Dictionary<string, string?> Settings(string schema, ExternalIssuer issuer, string role = "all",
        IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["SORA_DATABASE_URL"] = TestSettings.DatabaseUrl,
            ["Sora:Schema"] = schema,
            ["Sora:Role"] = role,
            ["Sora:Daemon"] = "Solo",
            ["Sora:Auth:SigningKey"] = TestSettings.SigningKey,
            ["Sora:Auth:External:Issuer"] = ExternalIssuer.Issuer,
            ["Sora:Auth:External:Audience"] = ExternalIssuer.Audience,
            ["Sora:Auth:External:SigningKeyPem"] = issuer.PublicKeyPem,
            ["Sora:Privacy:MasterKey"] = TestSettings.MasterKey,
            ["Sora:Provenance:SigningKey"] = TestSettings.ProvenanceKey,
            ["Sora:Provenance:Directory"] = TestSettings.ProvenanceDirectory,
            ["Sora:Media:Root"] = TestSettings.MediaRoot,
            ["Sora:Media:MaxImageBytes"] = (1024 * 1024).ToString(),
            ["Sora:Generation:DailyFreeQuota"] = "4",
            ["Sora:Accounts:BootstrapAdmins:0"] = TestSettings.AdminHandle,
            ["Sora:Accounts:PasswordIterations"] = TestSettings.PasswordIterations.ToString(),
            ["Sora:GraphQL:ConnectionInitTimeoutSeconds"] = "1",
            ["Sora:GraphQL:MaxDepth"] = "10",
            ["Sora:GraphQL:MaxComplexity"] = "3000",
            ["Sora:GraphQL:MaxCachedDocumentBytes"] = (1024 * 1024).ToString(),
            ["Sora:GraphQL:MaxSocketQueueBytes"] = (512 * 1024).ToString(),
            ["Sora:GraphQL:MaxOperationsPerSocket"] = "4",
            ["Sora:Cameos:MaxRecordingBytes"] = (2 * 1024 * 1024).ToString(),
            // A configured category next to the built-in ones: the prompt policy tests use it (no other prompt says it).
            ["Sora:Moderation:PromptPolicy:Categories:TEST_FORBIDDEN_FRUIT:0"] = "zorblax fruit",
            // Below the recording limit on purpose: each endpoint's own limit must win over the server-wide default.
            ["Kestrel:Limits:MaxRequestBodySize"] = (1024 * 1024).ToString(),
            ["Sora:Network:GeoIpDatabase"] = TestSettings.GeoIpDatabase,
            // The test client connects from loopback: it plays the trusted proxy that sets X-Forwarded-For.
            ["Sora:Network:TrustedProxies:0"] = "127.0.0.1",
            // The tests' own address; the throttle tests speak for other addresses through X-Forwarded-For.
            ["Sora:Auth:Throttle:ExemptAddresses:0"] = "127.0.0.1",
            // One sign-in regained per minute, not ten: the burst test's eleventh attempt must find the bucket empty
            // however slowly a loaded machine runs the first ten (at ten a minute, 6 s sufficed to refill one).
            ["Sora:Auth:Throttle:SignInsPerMinutePerAddress"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // ./sora test builds the web client and names it. Otherwise a stand-in: web/app/dist may be absent, or being
        // rebuilt under the tests' feet; what the host does with a build does not depend on which one it serves.
        settings["Sora:WebAppPath"] = Environment.GetEnvironmentVariable("SORA_WEB_APP") ?? TestSettings.StandInWebApp.Value;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return settings;
    }

    /// <param name="clock">The host's clock, for tests that move time (deadlines); the system clock otherwise.</param>
    public static async Task<RunningHost> StartAsync(string schema, ExternalIssuer issuer, string role = "all",
        IDictionary<string, string?>? overrides = null, TimeProvider? clock = null)
    {
        var settings = Settings(schema, issuer, role, overrides);
        var app = SoraHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (clock is not null) builder.Services.AddSingleton(clock);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new RunningHost(app, new Uri(address));
        if (role != "worker")
            await app.Services.GetRequiredService<PgNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        return host;
    }

    /// <summary>Subscribe messages are processed asynchronously: waits until this node holds a subscriber.</summary>
    public Task WaitForSubscriberAsync(Guid recipient) =>
        App.Services.GetRequiredService<NotificationHub>()
            .WaitForSubscriberAsync(recipient, new CancellationTokenSource(TimeSpan.FromSeconds(15)).Token);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

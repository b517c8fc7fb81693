using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sora.GraphQL.Composition;

namespace Sora.Bench.Api;

/// <summary>The production host on a loopback port, with the bench's own schema and keys.</summary>
public static class BenchHost
{
    public const string Schema = "sora_bench";

    public static string DatabaseUrl =>
        Environment.GetEnvironmentVariable("SORA_BENCH_DATABASE_URL")
        ?? throw new InvalidOperationException("SORA_BENCH_DATABASE_URL is not set: run through ./sora bench.");

    /// <param name="schema">The Postgres schema (each suite keeps its own data).</param>
    /// <param name="settings">Extra configuration over the bench defaults.</param>
    public static (WebApplication App, Func<Uri> Address) Build(Action<WebApplication> mapExtra, string schema = Schema,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = SoraHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SORA_DATABASE_URL"] = DatabaseUrl,
                ["Sora:Schema"] = schema,
                ["Sora:Daemon"] = "Solo",
                ["Sora:Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                ["Sora:Privacy:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Sora:Provenance:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Sora:Provenance:Directory"] = Directory.CreateTempSubdirectory("sora-bench-provenance-").FullName,
                ["Sora:Media:Root"] = Path.Combine(Path.GetTempPath(), "sora-bench-media"),
                ["Sora:Accounts:PasswordIterations"] = "1000",
                // The load generator is this machine: its sign-ups are set-up, not an attack.
                ["Sora:Auth:Throttle:ExemptAddresses:0"] = "127.0.0.1",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        mapExtra(app);
        return (app, () => new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }
}

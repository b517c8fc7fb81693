using System.Security.Cryptography;

namespace Sora.Integration.Tests.Support;

/// <summary>Settings every test host shares. ./sora test exports SORA_TEST_DATABASE_URL for its private cluster.</summary>
public static class TestSettings
{
    public static string DatabaseUrl =>
        Environment.GetEnvironmentVariable("SORA_TEST_DATABASE_URL")
        ?? throw new InvalidOperationException("SORA_TEST_DATABASE_URL is not set: run the tests through ./sora test.");

    public static string ClientsDirectory =>
        Environment.GetEnvironmentVariable("SORA_CLIENTS")
        ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../tests/clients"));

    /// <summary>Where tests leave files worth keeping after the run (the browser test's screenshots): .sora/artifacts under ./sora test.</summary>
    public static string ArtifactsDirectory =>
        Environment.GetEnvironmentVariable("SORA_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), $"sora-test-artifacts-{Environment.ProcessId}");

    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    public static readonly string MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string ProvenanceKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>One media directory per test run (content-addressed, so hosts in the run can share it).</summary>
    public static string GeoIpDatabase => CameoSeeds.Fixture("geoip/GeoIP2-City-Test.mmdb");

    /// <summary>
    /// A built web client's shape (index.html naming a hashed bundle under assets/), written once per run, for hosts
    /// started outside ./sora test (which names the real build in SORA_WEB_APP).
    /// </summary>
    public static readonly Lazy<string> StandInWebApp = new(() =>
    {
        var dist = Path.Combine(Path.GetTempPath(), $"sora-test-web-app-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(dist, "assets"));
        File.WriteAllText(Path.Combine(dist, "assets", "index-5tand1n.js"), "document.getElementById('app').textContent = 'Sora';\n");
        File.WriteAllText(Path.Combine(dist, "index.html"),
            "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Sora</title>" +
            "<script type=\"module\" src=\"/assets/index-5tand1n.js\"></script></head><body><div id=\"app\"></div></body></html>\n");
        return dist;
    });

    public static readonly string MediaRoot = Path.Combine(Path.GetTempPath(), $"sora-test-media-{Environment.ProcessId}");

    /// <summary>The instance CA and signing certificate of this run's hosts (made by the first host, as ./sora up would).</summary>
    public static readonly string ProvenanceDirectory = Path.Combine(Path.GetTempPath(), $"sora-test-provenance-{Environment.ProcessId}");

    /// <summary>The handle that becomes admin on sign-up (Sora:Accounts:BootstrapAdmins).</summary>
    public const string AdminHandle = "test_admin";

    /// <summary>
    /// PBKDF2 iterations for tests: the same algorithm and code path as production (600,000), at a cost that
    /// keeps a suite with hundreds of sign-ups fast on two cores.
    /// </summary>
    public const int PasswordIterations = 1_000;

    public const string Password = "correct horse battery staple";
}

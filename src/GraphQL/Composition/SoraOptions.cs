namespace Sora.GraphQL.Composition;

/// <summary>The "Sora" configuration section. Every value can come from environment variables (Sora__Auth__SigningKey).</summary>
public sealed class SoraOptions
{
    public const string Section = "Sora";

    /// <summary>An Npgsql connection string or a postgres:// URL. SORA_DATABASE_URL overrides it.</summary>
    public string? Database { get; set; }

    /// <summary>Database schema for Marten and Wolverine tables.</summary>
    public string Schema { get; set; } = "sora";

    /// <summary>api, worker or all (see <see cref="HostRole"/>).</summary>
    public string Role { get; set; } = "all";

    public AuthOptions Auth { get; set; } = new();
    public PrivacyOptions Privacy { get; set; } = new();
    public AccountOptions Accounts { get; set; } = new();
    public GraphQLLimits GraphQL { get; set; } = new();
    public TelemetryOptions Telemetry { get; set; } = new();
    public CameoOptions Cameos { get; set; } = new();
    public MediaOptions Media { get; set; } = new();
    public GenerationOptions Generation { get; set; } = new();
    public ProvenanceOptions Provenance { get; set; } = new();
    public ModerationOptions Moderation { get; set; } = new();
    public NodeOptions Nodes { get; set; } = new();
    public Schema.Feed.NetworkOptions Network { get; set; } = new();
}

/// <summary>
/// How fast a dead node is noticed. Each node writes a heartbeat every <see cref="HeartbeatSeconds"/>; one silent for
/// <see cref="StaleAfterSeconds"/> (seen twice) is ejected and its in-flight jobs (a render, a verification) go back to the
/// durable inbox for the surviving workers. Shorter means faster recovery and more database chatter.
/// </summary>
public sealed class NodeOptions
{
    public int HeartbeatSeconds { get; set; } = 10;
    public int StaleAfterSeconds { get; set; } = 60;
}

public sealed class MediaOptions
{
    /// <summary>Where the local media store keeps objects (relative to the working directory).</summary>
    public string Root { get; set; } = Path.Combine(".sora", "media");
    /// <summary>Largest accepted input image (image-to-video).</summary>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>How long a media URL handed out by the API stays valid.</summary>
    public int UrlLifetimeMinutes { get; set; } = 60;
}

public sealed class GenerationOptions
{
    public int DailyFreeQuota { get; set; } = 20;
    public int SurgeThreshold { get; set; } = 20;
    public double MaxSurge { get; set; } = 3.0;
    /// <summary>How long one render may run (Sora:Generation:RenderDeadline:BaseSeconds, ...), sized from its work.</summary>
    public Sora.Render.Generations.RenderDeadline RenderDeadline { get; set; } = new();
    /// <summary>An operator's ComfyUI server (Sora:Generation:ComfyUi); off unless Enabled.</summary>
    public Sora.Render.Models.External.ComfyUiOptions ComfyUi { get; set; } = new();
}

public sealed class ProvenanceOptions
{
    /// <summary>Base64 32-byte P-256 private scalar that signs every manifest (./sora generates it in .sora/keys.env).</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the instance keeps its signing CA (ca.key.pem, ca.pem) and leaf (signer.pem); made once when missing.</summary>
    public string Directory { get; set; } = Path.Combine(".sora", "provenance");

    /// <summary>
    /// Extra trust anchors: PEM files (or one bundle) of the CAs whose manifests this instance calls trusted, such as
    /// other Sora instances' ca.pem or the C2PA trust list. The instance's own CA is always trusted.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];
}

public sealed class CameoOptions
{
    /// <summary>Largest accepted verification recording (a 10 s 1080p selfie is 5-15 MB).</summary>
    public long MaxRecordingBytes { get; set; } = 32 * 1024 * 1024;
}

public sealed class AuthOptions
{
    public string Issuer { get; set; } = "sora";
    public string Audience { get; set; } = "sora";
    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes) for the tokens this host issues.</summary>
    public string? SigningKey { get; set; }
    public int TokenLifetimeMinutes { get; set; } = 60 * 24;
    public ExternalIssuerOptions External { get; set; } = new();
    /// <summary>Credential-check throttling (sign-in per address and per account, sign-up per address).</summary>
    public Auth.ThrottleOptions Throttle { get; set; } = new();
}

/// <summary>An external OIDC issuer whose tokens are accepted. Keys come from its discovery document
/// (<see cref="Authority"/>) or, for air-gapped setups and tests, from a PEM public key.</summary>
public sealed class ExternalIssuerOptions
{
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public string? Authority { get; set; }
    public string? SigningKeyPem { get; set; }
    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}

public sealed class PrivacyOptions
{
    /// <summary>Base64 32-byte master key wrapping every subject key. Losing it loses all personal data.</summary>
    public string? MasterKey { get; set; }
    /// <summary>Days between deleteAccount and the deletion, during which it can be cancelled.</summary>
    public double DeletionGraceDays { get; set; } = 14;
    /// <summary>Hours an export archive waits for its one download.</summary>
    public double ExportLinkHours { get; set; } = 24;
    public int ExportsPerDay { get; set; } = 3;
}

public sealed class AccountOptions
{
    public string[] BootstrapAdmins { get; set; } = [];
    public int PasswordIterations { get; set; } = Domain.Accounts.PasswordHasher.DefaultIterations;
}

public sealed class GraphQLLimits
{
    public int MaxDepth { get; set; } = 12;
    public int MaxComplexity { get; set; } = 5000;
    public int MaxRequestBytes { get; set; } = 256 * 1024;
    /// <summary>Fields a document may select once its fragments are expanded (introspection included).</summary>
    public int MaxNodes { get; set; } = 2_000;
    /// <summary>Fields one selection set may hold under one response name (the overlapping-fields rule is quadratic in it).</summary>
    public int MaxSameResponseName { get; set; } = 32;
    /// <summary>Errors one response carries at most; the rest are summed up in one last error.</summary>
    public int MaxErrors { get; set; } = 25;
    /// <summary>Bytes of query text the validated-document cache holds at most (documents over 1/64 of it are not cached).</summary>
    public int MaxCachedDocumentBytes { get; set; } = 8 * 1024 * 1024;
    public int ConnectionInitTimeoutSeconds { get; set; } = 3;
    /// <summary>Bytes of outgoing messages one WebSocket may have waiting; past it the socket is closed with 1008.</summary>
    public int MaxSocketQueueBytes { get; set; } = 4 * 1024 * 1024;
    /// <summary>Operations (subscriptions included) one WebSocket may run at once.</summary>
    public int MaxOperationsPerSocket { get; set; } = 64;
}

public sealed class TelemetryOptions
{
    /// <summary>OTLP endpoint; when empty no traces or metrics are exported (OTEL_EXPORTER_OTLP_ENDPOINT also works).</summary>
    public string? OtlpEndpoint { get; set; }
    public string ServiceName { get; set; } = "sora";
}

public sealed class ModerationOptions
{
    public PromptPolicyOptions PromptPolicy { get; set; } = new();
}

/// <summary>
/// Sora:Moderation:PromptPolicy. <c>Categories:NAME</c> is a list of blocked terms (words or phrases, matched on whole
/// normalized words); <c>IncludeDefaults</c> (true) keeps the built-in categories (docs/moderation.md).
/// </summary>
public sealed class PromptPolicyOptions
{
    public bool IncludeDefaults { get; set; } = true;
    public Dictionary<string, string[]> Categories { get; set; } = [];

    /// <param name="masterKey">The privacy master key: the fingerprint key is derived from it, so fingerprints are stable per instance.</param>
    public Sora.Domain.Moderation.PromptPolicy Build(byte[] masterKey) => new(
        (IncludeDefaults ? Sora.Domain.Moderation.PromptPolicy.Defaults : [])
        .Concat(Categories.Select(c => new Sora.Domain.Moderation.PromptCategory(c.Key.ToUpperInvariant(), c.Value))),
        System.Security.Cryptography.HMACSHA256.HashData(masterKey, "sora:prompt-fingerprint"u8));
}

using System.Security.Cryptography;
using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

public enum OptOutStatus
{
    /// <summary>Registered; waiting for the person's verification recording.</summary>
    AwaitingRecording,
    Verifying,
    /// <summary>The face is protected: every request that shows it is refused (LIKENESS_OPTED_OUT).</summary>
    InForce,
    /// <summary>The last recording was refused (see FailureReason); the person may record again.</summary>
    Failed,
    /// <summary>Withdrawn with the management token; the template is shredded.</summary>
    Withdrawn,
}

// Opt-out events carry the opt-out's id, states and codes: no person, no address, no template. The recording and the
// template are sealed under the opt-out's own key; the management token exists only as its SHA-256 (OptOutToken).

public sealed record LikenessOptOutStarted(Guid OptOutId, string Phrase, DateTimeOffset At);
public sealed record LikenessOptOutRecordingReceived(Guid OptOutId, string Sha256, long Bytes, DateTimeOffset At);
public sealed record LikenessOptOutVerified(Guid OptOutId, DateTimeOffset At);
public sealed record LikenessOptOutFailed(Guid OptOutId, string Reason, DateTimeOffset At);
public sealed record LikenessOptOutWithdrawn(Guid OptOutId, DateTimeOffset At);

/// <summary>
/// "Never use my likeness", from a person without an account (inline snapshot). While <see cref="InForce"/>, its
/// template is in the likeness-protection index as a refusal for everyone. <see cref="Version"/> counts verifications,
/// for the index's fingerprint.
/// </summary>
public sealed record LikenessOptOut(Guid Id, OptOutStatus Status, string Phrase, string? FailureReason, string? RecordingSha256, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public bool InForce { get; init; }
    public int Version { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }

    public static LikenessOptOut Create(LikenessOptOutStarted e) => new(e.OptOutId, OptOutStatus.AwaitingRecording, e.Phrase, null, null, 0, e.At, e.At);

    public LikenessOptOut Apply(LikenessOptOutRecordingReceived e) =>
        this with { Status = OptOutStatus.Verifying, RecordingSha256 = e.Sha256, Attempts = Attempts + 1, FailureReason = null, UpdatedAt = e.At };

    public LikenessOptOut Apply(LikenessOptOutVerified e) =>
        this with { Status = OptOutStatus.InForce, InForce = true, Version = Version + 1, VerifiedAt = e.At, FailureReason = null, UpdatedAt = e.At };

    /// <summary>A refused re-record leaves an opt-out in force as it was (like a cameo's likeness).</summary>
    public LikenessOptOut Apply(LikenessOptOutFailed e) =>
        this with { Status = InForce ? OptOutStatus.InForce : OptOutStatus.Failed, FailureReason = e.Reason, UpdatedAt = e.At };

    public LikenessOptOut Apply(LikenessOptOutWithdrawn e) => this with { Status = OptOutStatus.Withdrawn, InForce = false, UpdatedAt = e.At };

    public bool AcceptsRecording => Status is OptOutStatus.AwaitingRecording or OptOutStatus.Failed or OptOutStatus.InForce;
}

/// <summary>An opt-out by its management token's hash: how the person finds it again without an account.</summary>
public sealed class OptOutToken
{
    public Guid Id { get; set; }
    public string TokenSha256 { get; set; } = "";
}

public static class LikenessOptOuts
{
    /// <summary>The refusal everyone gets for a face that opted out: no grant can ever allow it, so the requester should not ask for one.</summary>
    public const string OptedOut = "LIKENESS_OPTED_OUT";
    public const string RecordingKind = "optout-recording";
    public const string TemplateKind = "optout-template";

    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<LikenessOptOutStarted>("likeness_opt_out_started");
        opts.Events.MapEventType<LikenessOptOutRecordingReceived>("likeness_opt_out_recording_received");
        opts.Events.MapEventType<LikenessOptOutVerified>("likeness_opt_out_verified");
        opts.Events.MapEventType<LikenessOptOutFailed>("likeness_opt_out_failed");
        opts.Events.MapEventType<LikenessOptOutWithdrawn>("likeness_opt_out_withdrawn");
        // Inline: the protection index reads the set in force right after the verifying or withdrawing commit.
        opts.Projections.Snapshot<LikenessOptOut>(SnapshotLifecycle.Inline);
        opts.Schema.For<LikenessOptOut>().Duplicate(o => o.InForce).Duplicate(o => o.Version);
        opts.Schema.For<OptOutToken>().Duplicate(t => t.TokenSha256);
    }

    /// <summary>A new management token (256 bits, URL-safe) and the hash that is all we keep of it.</summary>
    public static (string Token, string Sha256) NewToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>The opt-out a token manages, or null (a wrong token and a missing opt-out look the same).</summary>
    public static async Task<LikenessOptOut?> ByTokenAsync(IQuerySession session, string token, CancellationToken ct)
    {
        if (token.Length is 0 or > 100) return null;
        var hash = HashOf(token);
        var record = await session.Query<OptOutToken>().FirstOrDefaultAsync(t => t.TokenSha256 == hash, ct);
        return record is null ? null : await session.LoadAsync<LikenessOptOut>(record.Id, ct);
    }
}

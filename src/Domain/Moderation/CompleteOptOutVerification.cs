using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>The verifier's finding on an opt-out's recording (from a worker): a refusal code, or the face's template (in memory only).</summary>
public sealed record CompleteOptOutVerification(Guid OptOutId, string Sha256, string? FailureReason, float[]? Template);

/// <summary>
/// Decides an opt-out's recording (pure). It never overrides a cameo: a face that is already an account's verified
/// likeness is refused (LIKENESS_ALREADY_CLAIMED), so nobody can lock a real owner out of their own cameo by opting
/// their face out. Matching another opt-out is no conflict (the same person, or two who both want the same).
/// </summary>
public static class CompleteOptOutVerificationDecider
{
    public static Decision<object> Decide(LikenessOptOut optOut, string? failureReason, IReadOnlyList<LikenessMatchFound> matches, DateTimeOffset now)
    {
        if (failureReason is not null) return Decision<object>.Accept(new LikenessOptOutFailed(optOut.Id, failureReason, now));
        if (matches.Any(m => !m.OptOut))
            return Decision<object>.Accept(new LikenessOptOutFailed(optOut.Id, CompleteCameoVerificationDecider.LikenessAlreadyClaimed, now));
        return Decision<object>.Accept(new LikenessOptOutVerified(optOut.Id, now));
    }
}

public static class CompleteOptOutVerificationHandler
{
    public static async Task<VerificationDecided> Handle(CompleteOptOutVerification command, IDocumentSession session, PersonalDataVault vault,
        ILikenessScanner likenesses, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<LikenessOptOut>(command.OptOutId, ct);
        var optOut = stream.Aggregate;
        if (optOut is null || optOut.Status != OptOutStatus.Verifying || optOut.RecordingSha256 != command.Sha256) return new VerificationDecided(null);
        var passed = command.FailureReason is null && command.Template is not null;
        var matches = new List<LikenessMatchFound>();
        if (passed)
        {
            // The same lock as cameo verification: a cameo and an opt-out of one face verifying at once see each other.
            await AdvisoryLock.AcquireAsync(session, AdvisoryLock.LikenessClaims, Guid.Empty, ct);
            matches.AddRange(await likenesses.MatchAsync(command.Template!, ct));
        }
        var decision = CompleteOptOutVerificationDecider.Decide(optOut, passed ? null : command.FailureReason ?? "UNREADABLE_MEDIA", matches, clock.GetUtcNow());
        var verified = decision.Events.Any(e => e is LikenessOptOutVerified);
        if (verified) await vault.SealAsync(session, optOut.Id, LikenessOptOuts.TemplateKind, command.Template!, ct);
        // Decided: the recording is never kept (an opt-out is not disputed evidence; the template is all it needs).
        session.DeleteWhere<SealedRecord>(r => r.SubjectId == optOut.Id && r.Kind == LikenessOptOuts.RecordingKind);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return new VerificationDecided(verified ? "VERIFIED" : decision.Events.OfType<LikenessOptOutFailed>().Select(f => f.Reason).FirstOrDefault());
    }
}

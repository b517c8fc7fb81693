using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Moderation;

/// <summary>A person whose prompt the policy refused asks a moderator to look at it.</summary>
public sealed record RequestPromptReview(Actor By, string Prompt);

/// <summary>
/// A review was asked for. The prompt itself is sealed in the vault under the case (it may name people); the event
/// holds its fingerprint and the category the policy put it in.
/// </summary>
public sealed record PromptReviewRequested(Guid CaseId, Guid RequesterId, string Fingerprint, string Category, DateTimeOffset At);

/// <summary>A moderator found the refusal wrong: the requester may make this prompt (as normalized) from now on.</summary>
public sealed record PromptAllowed(Guid CaseId, Guid RequesterId, string Fingerprint, Guid ModeratorId, DateTimeOffset At);

/// <summary>One requester's allowance for one normalized prompt, read by every generation request.</summary>
public sealed class PromptAllowance
{
    public Guid Id { get; set; }
    public Guid RequesterId { get; set; }
    public string Fingerprint { get; set; } = "";
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>Inline, so the allowance holds from the moderator's own transaction.</summary>
public partial class PromptAllowanceProjection : EventProjection
{
    public void Project(IEvent<PromptAllowed> e, IDocumentOperations ops) => ops.Store(new PromptAllowance
    {
        Id = PromptReviews.ItemFor(e.Data.RequesterId, e.Data.Fingerprint), RequesterId = e.Data.RequesterId, Fingerprint = e.Data.Fingerprint,
        CaseId = e.Data.CaseId, At = e.Data.At,
    });
}

public static class PromptReviews
{
    public const string PromptKind = "prompt-review";

    /// <summary>The reviewed item: one requester's normalized prompt. Asking again for the same prompt meets the same case.</summary>
    public static Guid ItemFor(Guid requester, string fingerprint) => DeterministicGuid.From("prompt-review|" + fingerprint, requester);

    public static async Task<bool> AllowedAsync(IQuerySession session, PromptPolicy policy, Guid requester, string prompt, CancellationToken ct) =>
        await session.LoadAsync<PromptAllowance>(ItemFor(requester, policy.Fingerprint(prompt)), ct) is not null;

    public static void Register(StoreOptions opts)
    {
        opts.Events.MapEventType<PromptReviewRequested>("prompt_review_requested");
        opts.Events.MapEventType<PromptAllowed>("prompt_allowed");
        opts.Projections.Add<PromptAllowanceProjection>(JasperFx.Events.Projections.ProjectionLifecycle.Inline);
    }
}

/// <summary>
/// Only a prompt the policy refuses now can be reviewed (NOT_ACTIONABLE otherwise); asking again while the review is
/// open, or after it was decided, changes nothing. The review is a standard case (7 days) in the moderators' queue.
/// </summary>
public static class RequestPromptReviewDecider
{
    public static Decision<object> Decide(RequestPromptReview command, string? category, string fingerprint, ModerationCase? existing, DateTimeOffset now)
    {
        var prompt = command.Prompt.Trim();
        if (prompt.Length is 0 or > Generations.GenerationFormat.MaxPromptLength)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, "The prompt that was refused.", "prompt");
        if (category is null) return Decision<object>.Refuse(CaseActions.NotActionable, "The prompt policy does not refuse this prompt.", "prompt");
        if (existing is not null) return Decision<object>.Accept();
        var caseId = ModerationCase.IdFor(ReportTarget.Prompt, PromptReviews.ItemFor(command.By.AccountId, fingerprint));
        return Decision<object>.Accept(new PromptReviewRequested(caseId, command.By.AccountId, fingerprint, category, now));
    }
}

public static class RequestPromptReviewHandler
{
    public static async Task<CommandResult> Handle(RequestPromptReview command, IDocumentSession session, PromptPolicy policy, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var prompt = command.Prompt.Trim();
        var fingerprint = policy.Fingerprint(prompt);
        var caseId = ModerationCase.IdFor(ReportTarget.Prompt, PromptReviews.ItemFor(command.By.AccountId, fingerprint));
        var stream = await session.Events.FetchForWriting<ModerationCase>(caseId, ct);
        var decision = RequestPromptReviewDecider.Decide(command, policy.CategoryOf(prompt), fingerprint, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(caseId);
        stream.AppendMany(decision.Events);
        await vault.SealAsync(session, caseId, PromptReviews.PromptKind, prompt, ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(caseId);
    }
}

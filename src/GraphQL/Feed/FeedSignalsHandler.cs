using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Privacy;
using Sora.Domain.Text;
using Sora.Projections.Feed;

namespace Sora.GraphQL.Feed;

/// <summary>
/// Wolverine handlers for the feed's signals and controls. Deciders return events; the handler appends them. A video
/// the actor may not see is NOT_FOUND, whatever the reason (draft, withdrawn, blocked, or a block between them).
/// </summary>
public static class FeedSignalsHandler
{
    /// <summary>Vault record kind for imported assistant topics: deleting the record deletes the topics.</summary>
    public const string AssistantTopicsKind = "assistant-topics";

    public static async Task<FeedCommandResult> Handle(React command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var viewer = command.By.AccountId;
        await ViewerLock.AcquireAsync(session, viewer, ct);
        if (await FeedVisibility.VisibleToAsync(session, command.VideoId, viewer, ct) is null) return NotFound();
        var stream = await session.Events.FetchForWriting<VideoReaction>(VideoReaction.IdFor(viewer, command.VideoId), ct);
        var decision = ReactionDecider.Decide(command.Kind, viewer, command.VideoId, stream.Aggregate, command.Channel, command.Region, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new FeedCommandResult(refusal);
        if (decision.Events.Count == 0) return FeedCommandResult.Ok;
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    public static async Task<FeedCommandResult> Handle(PostComment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if ((CommentRules.Check(command.Text) ?? CommentRules.CheckClientRequestId(command.ClientRequestId)) is { } bad) return new FeedCommandResult(bad);
        await ViewerLock.AcquireAsync(session, command.By.AccountId, ct);
        var id = CommentRules.IdFor(command.By.AccountId, command.ClientRequestId);
        // A retry of a post that went through: the same comment, nothing new (the viewer lock orders the two).
        if (command.ClientRequestId is not null && await session.LoadAsync<Comment>(id, ct) is { } posted) return new FeedCommandResult(null, posted.Id);
        var video = await FeedVisibility.VisibleToAsync(session, command.VideoId, command.By.AccountId, ct);
        if (video is null) return NotFound();
        session.Events.StartStream<Comment>(id, new CommentPosted(id, video.Id, command.By.AccountId, video.AuthorId, command.Text.Trim(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return new FeedCommandResult(null, id);
    }

    public static async Task<FeedCommandResult> Handle(DeleteComment command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Comment>(command.CommentId, ct);
        // Someone else's comment they may not delete looks the same as no comment: nothing to learn by probing.
        if (stream.Aggregate is not { Deleted: false } comment || !CommentRules.MayDelete(comment, command.By))
            return FeedCommandResult.Refuse(ErrorCodes.NotFound, "No such comment.", "commentId");
        stream.AppendOne(new CommentDeleted(comment.Id, comment.VideoId, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    public static async Task<FeedCommandResult> Handle(SetPersonalization command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        if ((stream.Aggregate?.Personalized ?? true) == command.Enabled) return FeedCommandResult.Ok;
        stream.AppendOne(new PersonalizationChanged(account, command.Enabled, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    public static async Task<FeedCommandResult> Handle(SetDailyScrollCap command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!FeedSettingsRules.MaySetCap(command.By, command.AccountId))
            return FeedCommandResult.Refuse(ErrorCodes.Forbidden, "Only the account itself or an admin can set its daily cap.", "accountId");
        if (FeedSettingsRules.CheckCap(command.Cap) is { } bad) return new FeedCommandResult(bad);
        if (await session.LoadAsync<Domain.Accounts.Account>(command.AccountId, ct) is null)
            return FeedCommandResult.Refuse(ErrorCodes.NotFound, "No such account.", "accountId");
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(command.AccountId), ct);
        if (stream.Aggregate?.DailyScrollCap == command.Cap) return FeedCommandResult.Ok;
        stream.AppendOne(new DailyScrollCapSet(command.AccountId, command.Cap, command.By.AccountId, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    public static async Task<FeedCommandResult> Handle(ImportAssistantTopics command, IDocumentSession session, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        if (FeedSettingsRules.CheckTopics(command.Topics) is { } bad) return new FeedCommandResult(bad);
        var account = command.By.AccountId;
        var topics = command.Topics.Select(t => new AssistantTopic(t.Topic.Trim(), t.Weight)).ToList();
        // Opting in is importing: the topics go to the vault (encrypted, deletable), the event says only how many.
        await vault.SealAsync(session, account, AssistantTopicsKind, topics, ct);
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        stream.AppendOne(new AssistantTopicsImported(account, topics.Count, string.IsNullOrWhiteSpace(command.Source) ? "assistant" : command.Source.Trim(), clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    public static async Task<FeedCommandResult> Handle(DisconnectAssistantHistory command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var stream = await session.Events.FetchForWriting<FeedSettings>(FeedSettings.StreamFor(account), ct);
        session.Delete<SealedRecord>(PersonalDataVault.RecordId(AssistantTopicsKind, account));
        if (stream.Aggregate is { AssistantConnected: true }) stream.AppendOne(new AssistantHistoryDisconnected(account, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        return FeedCommandResult.Ok;
    }

    /// <summary>The taste vector of imported topics (weighted sum of topic embeddings), or null when not connected.</summary>
    public static async Task<float[]?> AssistantVectorAsync(IQuerySession session, PersonalDataVault vault, IPromptEmbedder embedder, Guid account, CancellationToken ct)
    {
        var topics = await vault.OpenAsync<List<AssistantTopic>>(session, account, AssistantTopicsKind, ct);
        if (topics is not { Count: > 0 }) return null;
        var sum = new float[embedder.Dimensions];
        foreach (var topic in topics)
        {
            var v = embedder.Embed(topic.Topic);
            for (var i = 0; i < sum.Length; i++) sum[i] += (float)topic.Weight * v[i];
        }
        return InterestModel.Normalize(sum);
    }

    private static FeedCommandResult NotFound() => FeedCommandResult.Refuse(ErrorCodes.NotFound, "No such video.", "videoId");
}

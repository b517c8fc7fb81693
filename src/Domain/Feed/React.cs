using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record React(Actor By, Guid VideoId, ReactionKind Kind, string? Channel, string? Region);

/// <summary>
/// Like, unlike, see less, not interested, hide, share (the decision is <see cref="ReactionDecider"/>). A video the
/// actor may not see is NOT_FOUND, whatever the reason (draft, withdrawn, blocked, or a block between them).
/// </summary>
public static class ReactHandler
{
    public static async Task<CommandResult> Handle(React command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var viewer = command.By.AccountId;
        await ViewerLock.AcquireAsync(session, viewer, ct);
        if (await VideoVisibility.VisibleToAsync(session, command.VideoId, viewer, ct) is null) return VideoVisibility.NoSuchVideo;
        var stream = await session.Events.FetchForWriting<VideoReaction>(VideoReaction.IdFor(viewer, command.VideoId), ct);
        var decision = ReactionDecider.Decide(command.Kind, viewer, command.VideoId, stream.Aggregate, command.Channel, command.Region, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (decision.Events.Count == 0) return CommandResult.Done;
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}

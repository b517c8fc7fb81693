using Sora.Domain.Common;

namespace Sora.Domain.Feed;

public sealed record React(Actor By, Guid VideoId, ReactionKind Kind, string? Channel, string? Region);
/// <summary><paramref name="ClientRequestId"/>: the client's id for this comment, so a retry after a lost answer posts it once.</summary>
public sealed record PostComment(Actor By, Guid VideoId, string Text, string? ClientRequestId = null);
public sealed record DeleteComment(Actor By, Guid CommentId);
public sealed record SetPersonalization(Actor By, bool Enabled);
public sealed record SetDailyScrollCap(Actor By, Guid AccountId, int? Cap);
public sealed record ImportAssistantTopics(Actor By, IReadOnlyList<AssistantTopic> Topics, string Source);
public sealed record DisconnectAssistantHistory(Actor By);

/// <summary>The answer of every feed command: a refusal, or null when it took effect (or was already in effect).</summary>
public sealed record FeedCommandResult(Refusal? Refusal, Guid? CreatedId = null)
{
    public static readonly FeedCommandResult Ok = new((Refusal?)null);
    public static FeedCommandResult Refuse(string code, string message, string? field = null) => new(new Refusal(code, message, field));
}

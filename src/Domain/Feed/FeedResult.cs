using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>The answer of every feed command: a refusal, or null when it took effect (or was already in effect).</summary>
public sealed record FeedCommandResult(Refusal? Refusal, Guid? CreatedId = null)
{
    public static readonly FeedCommandResult Ok = new((Refusal?)null);
    public static FeedCommandResult Refuse(string code, string message, string? field = null) => new(new Refusal(code, message, field));
    public static readonly FeedCommandResult NoSuchVideo = Refuse(ErrorCodes.NotFound, "No such video.", "videoId");
}

using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Feed;

/// <summary>The viewer watched <paramref name="WatchedMs"/> of a video, to the end or not.</summary>
public sealed record RecordView(Actor By, Guid VideoId, int WatchedMs, bool Completed, string? Region);

/// <summary>
/// Checks the view and hands it to <see cref="ViewIngest"/>, whose group commit writes it: the answer comes once the
/// batch holding it committed, so the next feed page already reflects it.
/// </summary>
public static class RecordViewHandler
{
    /// <summary>Ten minutes: longer than any video watched in a loop for a while, short enough that one view cannot swamp a profile.</summary>
    public const int MaxWatchedMs = 10 * 60 * 1000;

    public static async Task<CommandResult> Handle(RecordView command, IDocumentStore store, ViewIngest ingest, TimeProvider clock,
        CancellationToken ct)
    {
        if (command.WatchedMs is < 0 or > MaxWatchedMs)
            return CommandResult.Refuse(ErrorCodes.BadUserInput, $"watchedMs must be between 0 and {MaxWatchedMs}.", "watchedMs");
        FeedVideo? video;
        await using (var query = store.QuerySession()) video = await VideoVisibility.VisibleToAsync(query, command.VideoId, command.By.AccountId, ct);
        if (video is null) return VideoVisibility.NoSuchVideo;
        await ingest.RecordAsync(new VideoViewed(command.By.AccountId, video.Id, command.WatchedMs, video.DurationSeconds * 1000, command.Completed,
            command.Region, clock.GetUtcNow()), ct);
        return CommandResult.Done;
    }
}

using Marten;
using Sora.Domain.Media;
using Sora.Domain.Privacy;

namespace Sora.Domain.Generations;

/// <summary>
/// A deleted account's videos: renders in progress are cancelled (and refunded, as a cancel is), finished videos are
/// withdrawn, and every media record it owns (outputs and uploads) goes, its bytes purged once the deletion commits.
/// </summary>
public sealed class GenerationsEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var session = erasure.Session;
        var mine = await session.Query<Generation>().Where(g => g.RequesterId == erasure.AccountId)
            .Select(g => g.Id).ToListAsync(ct);
        foreach (var id in mine)
        {
            var stream = await session.Events.FetchForWriting<Generation>(id, ct);
            if (stream.Aggregate is not { } generation) continue;
            var decision = generation.InProgress
                ? CancelGenerationDecider.Decide(new CancelGeneration(erasure.Actor, id), generation, erasure.Now)
                : WithdrawVideoDecider.Decide(new WithdrawVideo(erasure.Actor, id), generation, erasure.Now);
            // A video already withdrawn, failed or blocked refuses; there is nothing more to take down.
            if (!decision.Refused) GenerationStreams.Append(session, stream, decision.Events);
        }

        var media = await session.Query<MediaObject>().Where(m => m.OwnerId == erasure.AccountId).ToListAsync(ct);
        foreach (var item in media)
        {
            session.Delete(item);
            erasure.MediaToPurge.Add(item.Sha256);
        }
    }
}

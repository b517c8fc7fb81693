using Marten;
using Marten.Events.Projections;
using Sora.Domain.Generations;
using Sora.Domain.Text;

namespace Sora.Domain.Feed;

/// <summary>Inline: publishing creates the <see cref="FeedVideo"/>; withdrawal, blocking and a takedown delete it; reinstatement restores it.</summary>
public partial class FeedVideoProjection(IPromptEmbedder embedder) : EventProjection
{
    public async Task Project(VideoPublished e, IDocumentOperations ops, CancellationToken ct)
    {
        // Prompt, creator and cameos are fixed at request time, so the stored generation already has them.
        var generation = await ops.LoadAsync<Generation>(e.GenerationId, ct);
        if (generation is null || generation.TakenDown || generation.AgeRestrictedBy is not null) return;
        ops.Store(Visible(generation, e.At));
    }

    /// <summary>An age-restricted video leaves every public surface (feeds, search, remixing); its link answers adults only.</summary>
    public void Project(VideoAgeRestricted e, IDocumentOperations ops) => FeedRemovals.Delete(ops, e.GenerationId);

    /// <summary>The restriction lifted: the video is public again where it still may be (as after a takedown).</summary>
    public Task Project(VideoAgeRestrictionLifted e, IDocumentOperations ops, CancellationToken ct) =>
        ReinstateAsync(ops, e.GenerationId, liftedHold: null, liftingAgeRestriction: true, ct);

    public void Project(VideoWithdrawn e, IDocumentOperations ops) => FeedRemovals.Delete(ops, e.GenerationId);

    public void Project(GenerationBlocked e, IDocumentOperations ops) => FeedRemovals.Delete(ops, e.GenerationId);

    /// <summary>A takedown hides the video and every remix made from it, down the lineage, in one statement.</summary>
    public void Project(VideoTakenDown e, IDocumentOperations ops)
    {
        var table = FeedRemovals.Table(ops);
        ops.QueueSqlCommand(FeedRemovals.DeleteAndAnnounce(ops,
            $"with recursive hidden as (select ?::uuid as id union select v.id from {table} v join hidden h on v.remix_of = h.id)",
            "id in (select id from hidden)"), e.GenerationId);
    }

    /// <summary>
    /// Back from a takedown: the video, and the remixes made from it, are public again where they still may be
    /// (published, held down by no other case, every use standing). The snapshots read here are from before this
    /// transaction (a ban's overturn reinstates many videos at once), so the hold being lifted is the one ignored.
    /// </summary>
    public Task Project(VideoReinstated e, IDocumentOperations ops, CancellationToken ct) =>
        ReinstateAsync(ops, e.GenerationId, e.CaseId, liftingAgeRestriction: false, ct);

    /// <param name="liftedHold">The takedown hold being lifted, ignored on the stale snapshots read here.</param>
    /// <param name="liftingAgeRestriction">The root's age restriction is the one being lifted (its stale snapshot still has it).</param>
    private async Task ReinstateAsync(IDocumentOperations ops, Guid root, Guid? liftedHold, bool liftingAgeRestriction, CancellationToken ct)
    {
        // A remix shows its sources' frames: while one of them is held down, the remix stays down with it.
        if (await VideoVisibility.SourceHeldDownAsync(ops, (await ops.LoadAsync<Generation>(root, ct))?.RemixOf, liftedHold ?? Guid.Empty, ct)) return;
        var pending = new Queue<(Guid Id, bool Root)>([(root, true)]);
        while (pending.TryDequeue(out var next))
        {
            var generation = await ops.LoadAsync<Generation>(next.Id, ct);
            if (generation is not { Stage: GenerationStage.Ready, Publication: Publication.Published, PublishedAt: { } at }) continue;
            if (generation.TakenDownBy.Any(c => c != liftedHold)) continue;
            var uses = generation.Cameos.Length == 0 ? [] : await ops.LoadManyAsync<Cameos.CameoUsage>(ct, generation.Cameos.Select(c => c.UseId));
            if (uses.Count != generation.Cameos.Length || uses.Any(u => u.Status == Cameos.CameoUsageStatus.Withdrawn)) continue;
            // An age-restricted video stays off the public surfaces; the remixes made from it are not restricted by it.
            if (generation.AgeRestrictedBy is null || (next.Root && liftingAgeRestriction)) ops.Store(Visible(generation, at));
            foreach (var child in await ops.Query<Generation>().Where(g => g.RemixOf == generation.Id).Select(g => g.Id).ToListAsync(ct))
                pending.Enqueue((child, false));
        }
    }

    private FeedVideo Visible(Generation generation, DateTimeOffset publishedAt)
    {
        var vector = embedder.Embed(generation.Prompt);
        return new FeedVideo
        {
            Id = generation.Id,
            AuthorId = generation.RequesterId,
            AuthorHandle = generation.RequesterHandle,
            PublishedAt = publishedAt,
            DurationSeconds = generation.DurationSeconds,
            Prompt = generation.Prompt,
            Vector = vector,
            TopicKeys = InterestModel.TopicKeys(vector),
            CameoOwnerIds = generation.Cameos.Select(c => c.OwnerId).Where(o => o != generation.RequesterId).Distinct().ToArray(),
            UseIds = generation.Cameos.Select(c => c.UseId).ToArray(),
            RemixOf = generation.RemixOf,
        };
    }
}

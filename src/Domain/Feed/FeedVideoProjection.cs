using Marten;
using Marten.Events.Projections;
using Sora.Domain.Generations;
using Sora.Domain.Text;

namespace Sora.Domain.Feed;

/// <summary>Inline: publishing creates the <see cref="FeedVideo"/>; withdrawal and blocking delete it.</summary>
public partial class FeedVideoProjection(IPromptEmbedder embedder) : EventProjection
{
    public async Task Project(VideoPublished e, IDocumentOperations ops, CancellationToken ct)
    {
        // Prompt, creator and cameos are fixed at request time, so the stored generation already has them.
        var generation = await ops.LoadAsync<Generation>(e.GenerationId, ct);
        if (generation is null) return;
        var vector = embedder.Embed(generation.Prompt);
        ops.Store(new FeedVideo
        {
            Id = generation.Id,
            AuthorId = generation.RequesterId,
            AuthorHandle = generation.RequesterHandle,
            PublishedAt = e.At,
            DurationSeconds = generation.DurationSeconds,
            Prompt = generation.Prompt,
            Vector = vector,
            TopicKeys = InterestModel.TopicKeys(vector),
            CameoOwnerIds = generation.Cameos.Select(c => c.OwnerId).Where(o => o != generation.RequesterId).Distinct().ToArray(),
            UseIds = generation.Cameos.Select(c => c.UseId).ToArray(),
            RemixOf = generation.RemixOf,
        });
    }

    public void Project(VideoWithdrawn e, IDocumentOperations ops) => ops.Delete<FeedVideo>(e.GenerationId);

    public void Project(GenerationBlocked e, IDocumentOperations ops) => ops.Delete<FeedVideo>(e.GenerationId);
}

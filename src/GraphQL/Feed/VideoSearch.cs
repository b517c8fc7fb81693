using Marten;
using Sora.Projections.Feed;

namespace Sora.GraphQL.Feed;

/// <summary>A position in search results (newest first): the last video's publication time and id.</summary>
public sealed record SearchPosition(DateTimeOffset PublishedAt, Guid VideoId);

/// <summary>
/// Search over the prompts of videos the public may see. Visibility is the one read model: the query selects from
/// <see cref="FeedVideo"/>, so a draft, withdrawn, blocked, taken-down or revoked-cameo video is never a result,
/// whatever its prompt. The text match is PostgreSQL full-text search (English stemming, web-style syntax: words,
/// "quoted phrases", or, -not) on the generation's prompt, through a GIN expression index on it. Authors in a block
/// with the viewer are left out. Results are newest first, paged by keyset.
/// </summary>
public static class VideoSearch
{
    public const int MaxQueryLength = 200;

    // The expression of the full-text index on the generation's prompt (SoraProjections): the planner uses the
    // index only for this exact expression.
    private const string PromptVector = "to_tsvector('english'::regconfig, (g.data ->> 'Prompt'))";

    /// <summary>Why the search text is refused (BAD_USER_INPUT), or null.</summary>
    public static string? Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Search for at least one word."
        : text.Length > MaxQueryLength ? $"A search is at most {MaxQueryLength} characters."
        : null;

    /// <summary>Up to <paramref name="limit"/> matching visible videos after <paramref name="after"/>, newest first.</summary>
    public static async Task<IReadOnlyList<FeedVideo>> FindAsync(IQuerySession session, string text, Guid? viewer, int limit,
        SearchPosition? after, CancellationToken ct)
    {
        var blocked = viewer is { } who ? (await FeedVisibility.BlockedAccountsAsync(session, who, ct)).ToArray() : [];
        var generations = session.DocumentStore.Options.Schema.For<Domain.Generation.Generation>();
        var keyset = after is null ? "" : " and (d.published_at, d.id) < (?, ?)";
        object[] parameters = after is { } position
            ? [text.Trim(), blocked, position.PublishedAt.ToUniversalTime(), position.VideoId]
            : [text.Trim(), blocked];
        return await session.QueryAsync<FeedVideo>(
            $"where d.id in (select g.id from {generations} g where {PromptVector} @@ websearch_to_tsquery('english'::regconfig, ?)) " +
            $"and not (d.author_id = any(?)){keyset} order by d.published_at desc, d.id desc limit {limit}", ct, parameters);
    }
}

using Sora.Domain.Privacy;
using Sora.Domain.Feed;
using Marten;

namespace Sora.Projections.Feed;

/// <summary>A position in search results (newest first): the last video's publication time and id.</summary>
public sealed record SearchPosition(DateTimeOffset PublishedAt, Guid VideoId);

/// <summary>
/// Search over the prompts of videos the public may see. Visibility is the one read model: the query selects from
/// <see cref="FeedVideo"/> alone, so a draft, withdrawn, blocked, taken-down or revoked-cameo video is never a result,
/// whatever its prompt. The text match is PostgreSQL full-text search (English stemming, web-style syntax: words,
/// "quoted phrases", or, -not) through a GIN expression index on the prompt. Authors in a block with the viewer are
/// left out. Results are newest first, paged by keyset.
/// The prompt is copied into the visibility model so that one table answers: matching in the generations and joining
/// back cost random reads in two large tables (./sora bench feed: 46 ms at p50 for a common word at a million videos).
/// </summary>
public static class VideoSearch
{
    public const int MaxQueryLength = 200;

    // The expression of the full-text index on the prompt (SoraProjections): the planner uses the index only for this
    // exact expression.
    private const string PromptVector = "to_tsvector('english'::regconfig, (d.data ->> 'Prompt'))";

    /// <summary>Why the search text is refused (BAD_USER_INPUT), or null.</summary>
    public static string? Check(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Search for at least one word."
        : text.Length > MaxQueryLength ? $"A search is at most {MaxQueryLength} characters."
        : null;

    /// <summary>Up to <paramref name="limit"/> matching visible videos after <paramref name="after"/>, newest first.</summary>
    /// <summary>
    /// A page of matches. Authors the viewer may not find (blocks, the teen default of <see cref="Parental.TeenSearch"/>) are
    /// left out in the query itself, so pages stay full and cursors stay exact: a round that meets a new hidden author runs
    /// again without it, at most three rounds, and whatever a last round still meets is filtered out.
    /// </summary>
    public static async Task<IReadOnlyList<FeedVideo>> FindAsync(IQuerySession session, PersonalDataVault vault, string text, Guid? viewer,
        int limit, SearchPosition? after, DateOnly today, CancellationToken ct)
    {
        var excluded = viewer is { } who ? await FeedVisibility.BlockedAccountsAsync(session, who, ct) : [];
        var checkedAuthors = new HashSet<Guid>();
        for (var round = 1; ; round++)
        {
            var rows = await QueryAsync(session, text, excluded.ToArray(), limit, after, ct);
            var unseen = rows.Select(r => r.AuthorId).Where(checkedAuthors.Add).ToList();
            var hidden = await Parental.TeenSearch.HiddenAuthorsAsync(session, vault, viewer, unseen, today, ct);
            if (hidden.Count == 0) return rows;
            excluded.UnionWith(hidden);
            if (round == 3) return rows.Where(r => !excluded.Contains(r.AuthorId)).ToList();
        }
    }

    private static async Task<IReadOnlyList<FeedVideo>> QueryAsync(IQuerySession session, string text, Guid[] excludedAuthors, int limit,
        SearchPosition? after, CancellationToken ct)
    {
        var keyset = after is null ? "" : " and (d.published_at, d.id) < (?, ?)";
        object[] parameters = after is { } position
            ? [text.Trim(), excludedAuthors, position.PublishedAt.ToUniversalTime(), position.VideoId]
            : [text.Trim(), excludedAuthors];
        return await session.QueryAsync<FeedVideo>(
            $"where {PromptVector} @@ websearch_to_tsquery('english'::regconfig, ?) " +
            $"and not (d.author_id = any(?)){keyset} order by d.published_at desc, d.id desc limit {limit}", ct, parameters);
    }
}

using Marten;
using Npgsql;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.Domain.Privacy;
using Sora.Domain.Text;
using Sora.Projections.Social;

namespace Sora.Projections.Feed;

public enum FeedEndReason
{
    /// <summary>Nothing left that the viewer has not seen (for now).</summary>
    EndOfFeed,
    /// <summary>The account's daily scroll cap is reached; the feed opens again tomorrow (UTC).</summary>
    DailyScrollCapReached,
    /// <summary>A parent's daily cap on minutes watched is reached; the feed opens again tomorrow (UTC).</summary>
    DailyWatchTimeReached,
    /// <summary>Continuous scroll is off (a parent's control): this session served its pages. A new session may start.</summary>
    SessionPageLimitReached,
    /// <summary>A parent's quiet hours are on; the feed opens again when they end.</summary>
    QuietHours,
}

/// <summary>One served video: its id (the API loads what it shows) and how it ranked.</summary>
public sealed record FeedItem(Guid VideoId, RankedItem Ranking);

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, Guid? NextSession, FeedEndReason? EndReason, string? Region, bool Personalized,
    int? DailyScrollCap, int ServedToday, DateTimeOffset? OpensAt = null);

/// <summary>
/// Builds feed pages: candidates from the sources of the requested kind (each an indexed query over the visibility
/// read model, with seen, hidden, already-served and blocked excluded in the query itself), then the ranking
/// (<see cref="FeedRanker"/>), then the record of what was served (the daily cap and the next page depend on it).
/// </summary>
public sealed class FeedService(IDocumentStore store, PersonalDataVault vault, IPromptEmbedder embedder, TimeProvider clock)
{
    private readonly CandidateFacts _facts = new();

    public const int SourceLimit = 150;

    /// <param name="session">The feed session the previous page's cursor named; null starts a new one.</param>
    public async Task<FeedPage> PageAsync(Guid viewer, FeedKind kind, int first, Guid? session, string? region, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // One transaction under the viewer's lock, from reading the profile to recording the page: two tabs asking at
        // once get one page after the other, so the daily cap and "already served" hold exactly.
        await using var write = store.LightweightSession();
        await ViewerLock.AcquireAsync(write, viewer, ct);
        var query = (IQuerySession)write;
        var profile = await ViewerTail.CurrentAsync(query, viewer, ct);
        var settings = await query.LoadAsync<FeedSettings>(FeedSettings.StreamFor(viewer), ct);
        // A linked parent's controls tighten the viewer's own (never loosen them): the smaller cap, personalization off.
        var (_, controls) = await Domain.Parental.ParentalControlsInForce.ForAsync(query, vault, viewer, today, ct);
        var personalized = (settings?.Personalized ?? true) && !controls.PersonalizationOff;
        var cap = Min(settings?.DailyScrollCap, controls.DailyItemCap);
        var servedToday = profile.ServedOn(today);

        var continuing = session is { } given && profile.SessionId == given;
        var sessionId = session ?? Guid.CreateVersion7();
        FeedPage Ended(FeedEndReason reason, DateTimeOffset? opensAt = null) =>
            new([], null, reason, region, personalized, cap, servedToday, opensAt);
        if (controls.QuietHours is { } quiet && quiet.Covers(now)) return Ended(FeedEndReason.QuietHours, quiet.EndsAfter(now));
        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (cap is { } limit && servedToday >= limit) return Ended(FeedEndReason.DailyScrollCapReached, tomorrow);
        if (controls.DailyMinuteCap is { } minutes && profile.WatchedMsOn(today) >= minutes * 60_000L)
            return Ended(FeedEndReason.DailyWatchTimeReached, tomorrow);
        var pageLimit = controls.SessionPageLimit;
        if (pageLimit is { } pages && continuing && profile.SessionPages >= pages) return Ended(FeedEndReason.SessionPageLimitReached);
        var take = cap is { } c ? Math.Min(first, c - servedToday) : first;

        // Server-side exclusions: hidden and "not interested" always; watched ones (the seen table, an anti-join)
        // outside the chronological feed; what this feed session already served (the cursor names the session).
        var excluded = new HashSet<Guid>(profile.Excluded);
        if (continuing) excluded.UnionWith(profile.SessionServed);
        var blocked = await FeedVisibility.BlockedAccountsAsync(query, viewer, ct);
        blocked.Add(Guid.Empty);
        var ctx = new SourceContext(query, _facts, excluded.ToArray(), blocked.ToArray(), kind == FeedKind.Following ? null : viewer, ct);

        var ranked = kind switch
        {
            FeedKind.Following => await FollowingAsync(ctx, viewer, take, now),
            FeedKind.Trending => await TrendingAsync(ctx, region, take),
            _ => await ForYouAsync(ctx, viewer, profile, personalized, region, take, now),
        };

        if (ranked.Count > 0)
        {
            write.Events.Append(ActivityStreams.For(viewer),
                new FeedPageServed(viewer, kind, sessionId, ranked.Select(r => r.VideoId).ToArray(), today, now));
            await write.SaveChangesAsync(ct);
        }

        FeedEndReason? end = null;
        if (cap is { } max && servedToday + ranked.Count >= max) end = FeedEndReason.DailyScrollCapReached;
        else if (ranked.Count < take) end = FeedEndReason.EndOfFeed;
        // This page is the session's last under continuous scroll off: say so now rather than offer a page that ends empty.
        else if (pageLimit is { } last && (continuing ? profile.SessionPages : 0) + 1 >= last) end = FeedEndReason.SessionPageLimitReached;
        return new FeedPage(ranked, end is null ? sessionId : null, end, region, personalized, cap, servedToday + ranked.Count,
            end == FeedEndReason.DailyScrollCapReached ? tomorrow : null);
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    /// <param name="NotSeenBy">The viewer whose watched videos are left out; null keeps them (the Following feed).</param>
    private sealed record SourceContext(IQuerySession Query, CandidateFacts Facts, Guid[] Excluded, Guid[] BlockedAuthors, Guid? NotSeenBy,
        CancellationToken Ct)
    {
        /// <summary>Visible videos matching <paramref name="where"/>, minus exclusions, seen videos and blocked authors, in
        /// the query's order: the ids from the visibility table, the facts from <see cref="CandidateFacts"/>.</summary>
        public async Task<IReadOnlyList<CandidateVideo>> VideosAsync(string where, string orderBy, int limit, params object[] args)
        {
            var seen = NotSeenBy is null ? "" : $" and {SeenVideos.NotSeenBy(Query.DocumentStore)}";
            object[] parameters = NotSeenBy is { } viewer ? [.. args, Excluded, BlockedAuthors, viewer] : [.. args, Excluded, BlockedAuthors];
            var ids = await Query.QueryAsync<Guid>(
                $"select d.id from {Query.DocumentStore.Options.Schema.For<FeedVideo>()} d where ({where}) and not (d.id = any(?)) " +
                $"and not (d.author_id = any(?)){seen} order by {orderBy} limit {limit}", Ct, parameters);
            return await Facts.ForAsync(Query, ids, Ct);
        }
    }

    private static async Task<IReadOnlyList<FeedItem>> FollowingAsync(SourceContext ctx, Guid viewer, int take, DateTimeOffset now)
    {
        var followees = await FolloweesAsync(ctx.Query, viewer, ctx.Ct);
        var videos = await ctx.VideosAsync("d.author_id = any(?)", "d.published_at desc", take, followees);
        // Chronological: the one score part is recency (hours before now, negated), and it is the score.
        return videos.Select(v =>
        {
            var recency = -(now - v.PublishedAt).TotalHours;
            return new FeedItem(v.Id, new RankedItem(Candidate(v, 0) with { FromFollow = true }, recency, [new ScorePart("recency", recency)],
                [FeedReason.FollowedCreator]));
        }).ToList();
    }

    private static async Task<IReadOnlyList<FeedItem>> TrendingAsync(SourceContext ctx, string? region, int take)
    {
        var (videos, ranks) = await TrendingCandidatesAsync(ctx, region, SourceLimit);
        var ordered = videos.OrderBy(v => ranks[v.Id]).Select(v =>
        {
            var trending = FeedRanker.Weights.Trending / (1 + ranks[v.Id] / 10.0);
            return new RankedItem(Candidate(v, 0) with { TrendingRank = ranks[v.Id] }, trending, [new ScorePart("trending", trending)],
                [FeedReason.TrendingInRegion]);
        }).ToList();
        return Join(FeedRanker.Diversify(ordered, take));
    }

    private async Task<IReadOnlyList<FeedItem>> ForYouAsync(SourceContext ctx, Guid viewer, ViewerProfile profile, bool personalized,
        string? region, int take, DateTimeOffset now)
    {
        var notMine = "d.author_id <> ?";
        var all = new Dictionary<Guid, CandidateVideo>();
        var flags = new Dictionary<Guid, (bool Follow, bool Friend, bool Explore)>();
        void Add(IEnumerable<CandidateVideo> videos, bool follow = false, bool friend = false, bool explore = false)
        {
            foreach (var v in videos)
            {
                all[v.Id] = v;
                var f = flags.GetValueOrDefault(v.Id);
                flags[v.Id] = (f.Follow || follow, f.Friend || friend, f.Explore || explore);
            }
        }

        ViewerTaste taste;
        if (personalized)
        {
            var followees = await FolloweesAsync(ctx.Query, viewer, ctx.Ct);
            var friends = await FriendsAsync(ctx.Query, viewer, followees, ctx.Ct);
            var assistant = await AssistantVectorAsync(ctx.Query, vault, embedder, viewer, ctx.Ct);
            var blendedTaste = InterestModel.Blend(profile.Interest.Length > 0 ? profile.Interest : null, assistant);
            if (followees.Length > 0) Add(await ctx.VideosAsync("d.author_id = any(?)", "d.published_at desc", SourceLimit, followees), follow: true);
            if (friends.Length > 0) Add(await ctx.VideosAsync("d.cameo_owner_ids && ?", "d.published_at desc", SourceLimit, friends), friend: true);
            // Until the viewer has liked something, the taste only says what to avoid: no interest candidates yet.
            var knowsLikes = profile.PositiveSignals > 0 || assistant is not null;
            var keys = knowsLikes ? InterestModel.TopicKeys(blendedTaste, 6) : [];
            if (keys.Length > 0) Add(await ctx.VideosAsync($"d.topic_keys && ?::text[] and {notMine}", "d.published_at desc", SourceLimit * 2, keys, viewer));
            Add(await ctx.VideosAsync(notMine, "d.published_at desc", SourceLimit, viewer), explore: true);
            taste = new ViewerTaste(blendedTaste, assistant, profile.Affinity, profile.SeeLessAuthors.ToHashSet(), true)
                { Signals = profile.Signals, KnowsLikes = knowsLikes };
        }
        else
        {
            Add(await ctx.VideosAsync(notMine, "d.published_at desc", SourceLimit, viewer));
            taste = ViewerTaste.Anonymous;
        }
        var (trending, ranks) = await TrendingCandidatesAsync(ctx, personalized ? region : null, SourceLimit);
        Add(trending.Where(v => v.AuthorId != viewer));

        var engagement = await EngagementAsync(ctx.Query, all.Keys, ctx.Ct);
        var candidates = all.Values.Select(v => Candidate(v, engagement.GetValueOrDefault(v.Id)) with
        {
            FromFollow = flags[v.Id].Follow,
            FriendCameo = flags[v.Id].Friend,
            Exploration = flags[v.Id].Explore,
            TrendingRank = personalized && ranks.TryGetValue(v.Id, out var rank) ? rank : null,
        }).ToList();
        var seed = FeedRanker.SeedFor(viewer, profile.ServedToday, profile.Signals);
        return Join(FeedRanker.Rank(candidates, taste, take, now, seed));
    }

    /// <summary>The region's trending list (or everywhere's, when the region is unknown), visible videos only.</summary>
    private static async Task<(IReadOnlyList<CandidateVideo> Videos, Dictionary<Guid, int> Ranks)> TrendingCandidatesAsync(SourceContext ctx,
        string? region, int limit)
    {
        var where = region ?? TrendingEntry.Everywhere;
        // Only the ids, in rank order (one index scan; no entry documents to deserialize). Twice the limit, since
        // some are no longer visible, already seen or hidden; of the rest, the best ranked.
        var ids = (await ctx.Query.Query<TrendingEntry>().Where(t => t.Region == where)
            .OrderByDescending(t => t.LogScore).Take(limit * 2).Select(t => t.VideoId).ToListAsync(ctx.Ct)).ToArray();
        if (ids.Length == 0) return ([], []);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var videos = (await ctx.VideosAsync("d.id = any(?)", "d.published_at desc", ids.Length, ids))
            .OrderBy(v => position[v.Id]).Take(limit).ToList();
        var ranks = videos.Select((v, i) => (v.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return (videos, ranks);
    }

    private static FeedCandidate Candidate(CandidateVideo v, double popularity) => new(v.Id, v.AuthorId, v.Vector, v.PublishedAt, popularity);

    private static IReadOnlyList<FeedItem> Join(IReadOnlyList<RankedItem> ranked) => ranked.Select(r => new FeedItem(r.Candidate.VideoId, r)).ToList();

    private static async Task<Guid[]> FolloweesAsync(IQuerySession query, Guid viewer, CancellationToken ct) =>
        (await query.Query<FollowEdge>().Where(f => f.FollowerId == viewer).Select(f => f.FolloweeId).ToListAsync(ct)).ToArray();

    /// <summary>Friends are mutual follows.</summary>
    private static async Task<Guid[]> FriendsAsync(IQuerySession query, Guid viewer, Guid[] followees, CancellationToken ct) =>
        followees.Length == 0 ? [] :
        (await query.Query<FollowEdge>().Where(f => f.FolloweeId == viewer && f.FollowerId.IsOneOf(followees)).Select(f => f.FollowerId).ToListAsync(ct)).ToArray();

    /// <summary>Engagement of each candidate that has stats. One indexed read of a duplicated column on the page's
    /// own connection: deserializing several hundred stats documents cost more than every candidate query together.</summary>
    private static async Task<IReadOnlyDictionary<Guid, double>> EngagementAsync(IQuerySession query, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, double>();
        var list = ids.ToArray();
        if (list.Length == 0) return result;
        var table = query.DocumentStore.Options.Schema.For<VideoStats>();
        await using var command = new NpgsqlCommand($"select id, engagement from {table} where id = any($1)", query.Connection);
        command.Parameters.Add(new NpgsqlParameter { Value = list });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetGuid(0)] = reader.IsDBNull(1) ? 0 : reader.GetDouble(1);
        return result;
    }

    /// <summary>The taste vector of imported topics (weighted sum of topic embeddings), or null when not connected.</summary>
    private static async Task<float[]?> AssistantVectorAsync(IQuerySession session, PersonalDataVault vault, IPromptEmbedder embedder, Guid account, CancellationToken ct)
    {
        var topics = await vault.OpenAsync<List<AssistantTopic>>(session, account, ImportAssistantTopicsHandler.AssistantTopicsKind, ct);
        if (topics is not { Count: > 0 }) return null;
        var sum = new float[embedder.Dimensions];
        foreach (var topic in topics)
        {
            var v = embedder.Embed(topic.Topic);
            for (var i = 0; i < sum.Length; i++) sum[i] += (float)topic.Weight * v[i];
        }
        return InterestModel.Normalize(sum);
    }
}

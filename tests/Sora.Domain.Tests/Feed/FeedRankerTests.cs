using Sora.Domain.Feed;
using Sora.Domain.Text;
using Xunit;

namespace Sora.Domain.Tests.Feed;

public sealed class FeedRankerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly LexicalPromptEmbedder Embedder = new();

    private static FeedCandidate Video(Guid author, string prompt, double popularity = 0, double ageHours = 1) =>
        new(Guid.NewGuid(), author, Embedder.Embed(prompt), Now.AddHours(-ageHours), popularity);

    [Fact]
    public void The_exploration_seed_is_the_same_in_every_process_and_moves_with_the_viewer_state()
    {
        var viewer = Guid.Parse("01a230d5-917c-7b17-ad09-08cddc33a286");
        // A constant, not a value computed here: a per-process hash (HashCode.Combine) would pass a same-process check.
        Assert.Equal(-1977233037, FeedRanker.SeedFor(viewer, 20, 7));
        Assert.NotEqual(FeedRanker.SeedFor(viewer, 20, 7), FeedRanker.SeedFor(viewer, 40, 7));
        Assert.NotEqual(FeedRanker.SeedFor(viewer, 20, 7), FeedRanker.SeedFor(viewer, 20, 8));
        Assert.NotEqual(FeedRanker.SeedFor(viewer, 20, 7), FeedRanker.SeedFor(Guid.Parse("01a230d5-917c-7b17-ad09-08cddc33a287"), 20, 7));
    }

    [Fact]
    public void Diversify_never_puts_one_creator_twice_in_a_row_and_caps_each_at_two_while_others_remain()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ranked = new[] { a, a, a, a, b, b, c }.Select((author, i) => new RankedItem(Video(author, "x"), 10 - i, [], [])).ToList();
        var page = FeedRanker.Diversify(ranked, 6).Select(i => i.Candidate.AuthorId).ToList();
        Assert.Equal(6, page.Count);
        Assert.All(page.Zip(page.Skip(1)), p => Assert.NotEqual(p.First, p.Second));
        // Only when a single creator is all that is left does a run of two appear, never longer.
        var lonely = FeedRanker.Diversify(Enumerable.Range(0, 5).Select(i => new RankedItem(Video(a, "x"), 5 - i, [], [])).ToList(), 5);
        Assert.Equal(2, lonely.Count);
    }

    [Fact]
    public void A_few_completed_views_turn_the_taste_towards_their_topic_and_a_hide_turns_it_away()
    {
        var cat = Embedder.Embed("a kitten chases a laser dot");
        var car = Embedder.Embed("a race car drifts on the track");
        float[]? taste = null;
        taste = InterestModel.Update(taste, cat, InterestModel.Strength(new VideoViewed(Guid.Empty, Guid.Empty, 5000, 5000, true, null, Now)));
        taste = InterestModel.Update(taste, Embedder.Embed("a kitten naps in the sun"), 1.5);
        Assert.True(InterestModel.Cosine(taste, Embedder.Embed("a kitten plays with yarn")) > InterestModel.Cosine(taste, car));
        var hidden = InterestModel.Update(taste, cat, InterestModel.Strength(new VideoFeedbackGiven(Guid.Empty, Guid.Empty, FeedbackKind.Hide, Now)));
        Assert.True(InterestModel.Cosine(hidden, cat) < InterestModel.Cosine(taste, cat));
        Assert.Equal(-0.4, InterestModel.Strength(new VideoViewed(Guid.Empty, Guid.Empty, 500, 5000, false, null, Now)));
    }

    [Fact]
    public void Ranking_explains_itself_and_personalization_off_uses_only_recency_and_popularity()
    {
        var author = Guid.NewGuid();
        var liked = Embedder.Embed("a kitten naps in the sun");
        var candidates = new List<FeedCandidate>
        {
            Video(Guid.NewGuid(), "a kitten naps on a sofa", popularity: 1),
            Video(Guid.NewGuid(), "a race car drifts on the track", popularity: 50) with { TrendingRank = 0 },
            Video(author, "a sunset over the sea", popularity: 5) with { FromFollow = true },
        };
        var taste = new ViewerTaste(liked, null, new Dictionary<Guid, double>(), new HashSet<Guid>(), true);
        var ranked = FeedRanker.Rank(candidates, taste, 3, Now, seed: 1);
        Assert.All(ranked, r => Assert.Equal(r.Score, r.Parts.Sum(p => p.Value), 9));
        Assert.Contains(FeedReason.SimilarToInterests, ranked.Single(r => r.Candidate == candidates[0]).Reasons);
        Assert.Contains(FeedReason.TrendingInRegion, ranked.Single(r => r.Candidate == candidates[1]).Reasons);
        Assert.Contains(FeedReason.FollowedCreator, ranked.Single(r => r.Candidate == candidates[2]).Reasons);

        var plain = FeedRanker.Rank(candidates, taste with { Personalized = false }, 3, Now, seed: 1);
        Assert.Equal(candidates[1], plain[0].Candidate); // the most popular
        Assert.All(plain, r => Assert.Subset(new HashSet<string> { "popularity", "freshness" }, r.Parts.Select(p => p.Name).ToHashSet()));
    }

    [Fact]
    public void A_weak_first_signal_does_not_fix_the_taste_the_next_strong_one_outweighs_it()
    {
        // Found by ./sora bench feed-quality: re-normalising after every signal made a half-watched first video
        // weigh as much as everything after it. The taste is now a decaying sum, so evidence adds up.
        var halfWatched = Embedder.Embed("a knight rides to the castle");
        var completed = Embedder.Embed("a kitten chases a laser dot");
        var taste = InterestModel.Update(null, halfWatched, InterestModel.Strength(new VideoViewed(Guid.Empty, Guid.Empty, 3000, 5000, false, null, Now)));
        taste = InterestModel.Update(taste, completed, InterestModel.Strength(new VideoViewed(Guid.Empty, Guid.Empty, 5000, 5000, true, null, Now)));
        Assert.True(InterestModel.Cosine(taste, completed) > 2 * InterestModel.Cosine(taste, halfWatched));
    }

    [Fact]
    public void A_new_viewers_page_spans_kinds_of_video_and_a_known_viewers_page_follows_the_score()
    {
        var cats = Enumerable.Range(0, 6).Select(i => Video(Guid.NewGuid(), $"kitten cat purr whisker number{i}", popularity: 100 - i) with { TrendingRank = i }).ToList();
        var others = new[] { "a race car drifts on the track", "a ballerina on pointe", "a rocket launch countdown" }
            .Select((p, i) => Video(Guid.NewGuid(), p, popularity: 60 - i) with { TrendingRank = 10 + i }).ToList();
        var candidates = cats.Concat(others).ToList();

        var fresh = FeedRanker.Rank(candidates, ViewerTaste.Anonymous with { Personalized = true, Signals = 0 }, 4, Now, seed: 1);
        Assert.True(fresh.Count(r => others.Contains(r.Candidate)) >= 2, "a new viewer sees more than the one trending kind");
        Assert.Contains(fresh, r => r.Parts.Any(p => p.Name == "redundancy" && p.Value < 0));
        Assert.All(fresh, r => Assert.Equal(r.Score, r.Parts.Sum(p => p.Value), 9));

        var known = FeedRanker.Rank(candidates, ViewerTaste.Anonymous with { Personalized = true, Signals = 10_000 }, 4, Now, seed: 1);
        Assert.Equal(cats.Take(4), known.Select(r => r.Candidate));
    }
}

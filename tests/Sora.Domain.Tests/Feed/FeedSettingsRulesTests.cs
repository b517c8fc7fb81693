using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Xunit;

namespace Sora.Domain.Tests.Feed;

public sealed class FeedSettingsRulesTests
{
    private static readonly Guid Account = Guid.NewGuid();
    private static Actor As(Guid who, params AccountRole[] roles) => new(who, roles.Append(AccountRole.User).ToHashSet());

    [Theory]
    [InlineData(null, false)]
    [InlineData(1, false)]
    [InlineData(FeedSettings.MaxScrollCap, false)]
    [InlineData(0, true)]
    [InlineData(-5, true)]
    [InlineData(FeedSettings.MaxScrollCap + 1, true)]
    public void The_daily_cap_is_none_or_between_one_and_the_maximum(int? cap, bool refused) =>
        Assert.Equal(refused, FeedSettingsRules.CheckCap(cap) is { Code: ErrorCodes.BadUserInput, Field: "cap" });

    [Fact]
    public void Only_the_account_itself_or_an_admin_sets_its_cap()
    {
        Assert.True(FeedSettingsRules.MaySetCap(As(Account), Account));
        Assert.True(FeedSettingsRules.MaySetCap(As(Guid.NewGuid(), AccountRole.Admin), Account));
        Assert.False(FeedSettingsRules.MaySetCap(As(Guid.NewGuid()), Account));
        Assert.False(FeedSettingsRules.MaySetCap(As(Guid.NewGuid(), AccountRole.Moderator), Account));
    }

    [Fact]
    public void Topics_are_accepted_within_their_bounds()
    {
        Assert.Null(FeedSettingsRules.CheckTopics([new AssistantTopic("cats", 1.0), new AssistantTopic(new string('t', 80), 0.01)]));
        Assert.Null(FeedSettingsRules.CheckTopics(Enumerable.Range(0, FeedSettings.MaxAssistantTopics).Select(i => new AssistantTopic($"t{i}", 0.5)).ToList()));
    }

    public static TheoryData<AssistantTopic[]> BadTopics() => new()
    {
        Array.Empty<AssistantTopic>(),
        Enumerable.Range(0, FeedSettings.MaxAssistantTopics + 1).Select(i => new AssistantTopic($"t{i}", 0.5)).ToArray(),
        new[] { new AssistantTopic("  ", 0.5) },
        new[] { new AssistantTopic(new string('t', 81), 0.5) },
        new[] { new AssistantTopic("cats", 0) },
        new[] { new AssistantTopic("cats", 1.01) },
        new[] { new AssistantTopic("cats", -0.5) },
        new[] { new AssistantTopic("cats", double.NaN) },
        new[] { new AssistantTopic("cats", 0.5), new AssistantTopic("", 0.5) },
    };

    [Theory]
    [MemberData(nameof(BadTopics))]
    public void Bad_topic_lists_are_refused_on_the_topics_field(AssistantTopic[] topics)
    {
        var refusal = FeedSettingsRules.CheckTopics(topics);
        Assert.Equal((ErrorCodes.BadUserInput, "topics"), (refusal?.Code, refusal?.Field));
    }

    [Fact]
    public void Settings_follow_their_events_and_disconnecting_forgets_the_topics()
    {
        var settings = new FeedSettings();
        Assert.True(settings.Personalized);
        var admin = Guid.NewGuid();
        settings.Apply(new PersonalizationChanged(Account, false, DateTimeOffset.UnixEpoch));
        settings.Apply(new DailyScrollCapSet(Account, 40, admin, DateTimeOffset.UnixEpoch));
        settings.Apply(new AssistantTopicsImported(Account, 7, "assistant", DateTimeOffset.UnixEpoch));
        Assert.Equal((false, 40, admin, true, 7), (settings.Personalized, settings.DailyScrollCap, settings.CapSetBy, settings.AssistantConnected, settings.AssistantTopicCount));
        settings.Apply(new AssistantHistoryDisconnected(Account, DateTimeOffset.UnixEpoch));
        Assert.Equal((false, 0), (settings.AssistantConnected, settings.AssistantTopicCount));
        Assert.Equal(FeedSettings.StreamFor(Account), FeedSettings.StreamFor(Account));
        Assert.NotEqual(FeedSettings.StreamFor(Account), FeedSettings.StreamFor(Guid.NewGuid()));
    }
}

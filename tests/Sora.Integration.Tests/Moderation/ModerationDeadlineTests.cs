using Marten;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Moderation;

/// <summary>A clock the test moves: the host reads the time from it (TimeProvider), so deadlines pass in a moment.</summary>
public sealed class MovableClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Its own host, on its own schema: moving this clock must not move the shared host's.</summary>
public sealed class ModerationClockFixture : IAsyncLifetime
{
    public MovableClock Clock { get; } = new();
    public ExternalIssuer Issuer { get; } = new();
    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync("sora_clock", Issuer, clock: Clock);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition("moderation-clock")]
public sealed class ModerationClockCollection : ICollectionFixture<ModerationClockFixture>;

[Collection("moderation-clock")]
public sealed class ModerationDeadlineTests(ModerationClockFixture fixture)
{
    private const string Queue = "query($f: ModerationQueueFilter) { moderationQueue(filter: $f) { edges { node { targetId overdue dueAt urgent } } } }";

    private GraphQLClient Api => new(fixture.Host.Http);

    /// <summary>Tokens are issued on the host's clock too: after moving it, the moderator signs in again.</summary>
    private async Task<string> SignInAsync(string handle) =>
        (await Api.PostAsync(Ops.SignIn, new { input = new { login = handle, password = TestSettings.Password } })).Ok()
        .GetProperty("signIn").GetProperty("token").GetString()!;

    private async Task<Dictionary<Guid, bool>> OverdueAsync(string token, bool overdueOnly = false) =>
        (await Api.PostAsync(Queue, new { f = new { overdueOnly } }, token)).Ok().GetProperty("moderationQueue").GetProperty("edges").EnumerateArray()
        .Select(e => e.GetProperty("node"))
        .ToDictionary(n => Guid.Parse(n.GetProperty("targetId").GetString()!), n => n.GetProperty("overdue").GetBoolean());

    [Fact]
    public async Task A_likeness_report_is_overdue_after_48_hours_and_a_spam_report_after_7_days()
    {
        await fixture.Host.App.ResetAllMartenDataAsync();
        var maker = await Api.SignUpAsync("maker");
        var fan = await Api.SignUpAsync("fan");
        var likeness = await fixture.Host.PublishedVideoAsync(maker, "a face used without asking", fixture.Clock.GetUtcNow());
        var spam = await fixture.Host.PublishedVideoAsync(maker, "cheap watches here", fixture.Clock.GetUtcNow());
        foreach (var (video, reason) in new[] { (likeness, "LIKENESS_WITHOUT_CONSENT"), (spam, "SPAM") })
            (await Api.PostAsync("mutation($i: ReportInput!) { report(input: $i) { errors { code } } }",
                new { i = new { target = "VIDEO", targetId = video, reason } }, fan.Token)).Ok();
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var moderator = await Api.SignUpAsync("mod_clock");
        await Api.GrantRoleAsync(admin, moderator, "MODERATOR");

        Assert.Equal(new Dictionary<Guid, bool> { [likeness] = false, [spam] = false }, await OverdueAsync(moderator.Token));

        fixture.Clock.Advance(TimeSpan.FromHours(47));
        Assert.Equal(new Dictionary<Guid, bool> { [likeness] = false, [spam] = false }, await OverdueAsync(await SignInAsync("mod_clock")));

        fixture.Clock.Advance(TimeSpan.FromHours(2)); // 49 h after the reports
        var token = await SignInAsync("mod_clock");
        Assert.Equal(new Dictionary<Guid, bool> { [likeness] = true, [spam] = false }, await OverdueAsync(token));
        Assert.Equal([likeness], (await OverdueAsync(token, overdueOnly: true)).Keys);

        fixture.Clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(new Dictionary<Guid, bool> { [likeness] = true, [spam] = true }, await OverdueAsync(await SignInAsync("mod_clock")));
    }
}

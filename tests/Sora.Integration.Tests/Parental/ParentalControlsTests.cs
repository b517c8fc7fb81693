using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Parental;

/// <summary>Controls a linked parent sets, enforced by the server on the teen's feed and settings.</summary>
public sealed class ParentalControlsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static List<string> Codes(GqlResponse response, string field) =>
        response.ErrorCodes.Count > 0 ? response.ErrorCodes.ToList() : response.UserErrors(field).ToList();

    // Three creators: the feed never runs more than two items of one author in a row, and the tests count items.
    private async Task<List<Guid>> VideosAsync(int count)
    {
        var creators = new[] { await Api.SignUpAsync("creator_a"), await Api.SignUpAsync("creator_b"), await Api.SignUpAsync("creator_c") };
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
            ids.Add(await Host.PublishedVideoAsync(creators[i % 3], $"a paper boat on a pond, take {i}", DateTimeOffset.UtcNow.AddMinutes(-i)));
        return ids;
    }

    [Fact]
    public async Task A_parents_cap_and_personalization_off_hold_and_the_teen_cannot_undo_them()
    {
        var mum = await Api.SignUpAsync("mum");
        var aunt = await Api.SignUpAsync("aunt");
        var teen = await Api.SignUpTeenAsync("kid");
        await VideosAsync(5);
        await Api.LinkAsync(mum, teen);

        var set = (await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 3, personalizationOff = true }, mum.Token)).Payload("setParentalControls");
        Assert.Empty(set.GetProperty("errors").EnumerateArray());
        Assert.Equal((3, true), (set.GetProperty("controls").GetProperty("dailyItemCap").GetInt32(), set.GetProperty("controls").GetProperty("personalizationOff").GetBoolean()));
        var controls = (await Api.PostAsync(FamilySeeds.Family, token: teen.Token)).Ok().GetProperty("family").GetProperty("controls");
        Assert.Equal(3, controls.GetProperty("dailyItemCap").GetInt32());

        var page = await Api.FeedAsync(teen.Token, first: 10);
        Assert.Equal(3, page.Ids().Count);
        Assert.False(page.GetProperty("personalized").GetBoolean());
        Assert.Equal(("DAILY_SCROLL_CAP_REACHED", 3), (page.GetProperty("endReason").GetString(), page.GetProperty("dailyScrollCap").GetInt32()));
        var closed = await Api.FeedAsync(teen.Token, first: 10);
        Assert.Empty(closed.Ids());
        Assert.Equal("DAILY_SCROLL_CAP_REACHED", closed.GetProperty("endReason").GetString());

        // The teen cannot change what the parent set, nor the controls themselves; an unlinked adult cannot either.
        Assert.Equal(["SET_BY_PARENT"], Codes(await Api.PostAsync("mutation { setPersonalization(input: { enabled: true }) { errors { code } } }", token: teen.Token), "setPersonalization"));
        Assert.Equal(["SET_BY_PARENT"], Codes(await Api.PostAsync("mutation { setDailyScrollCap(input: { cap: 500 }) { errors { code } } }", token: teen.Token), "setDailyScrollCap"));
        Assert.Equal(["FORBIDDEN"], (await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 500 }, teen.Token)).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 500 }, aunt.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 500 }, null)).ErrorCodes);
        // A teen default, parent or not: no outside assistant history.
        Assert.Equal(["NOT_ELIGIBLE"], Codes(await Api.PostAsync(
            "mutation { connectAssistantHistory(input: { topics: [{ topic: \"sailing\", weight: 0.5 }] }) { errors { code } } }", token: teen.Token), "connectAssistantHistory"));

        // Bad input is refused with the field and changes nothing.
        Assert.Equal(["BAD_USER_INPUT"], Codes(await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 0 }, mum.Token), "setParentalControls"));
        Assert.Equal(["BAD_USER_INPUT"], Codes(await Api.SetControlsAsync(teen.Id,
            new { quietHours = new { start = "22:00", end = "07:00", timeZone = "Mars/Olympus" } }, mum.Token), "setParentalControls"));
        Assert.Equal(["BAD_USER_INPUT"], (await Api.SetControlsAsync(teen.Id, new { quietHours = new { start = "25:00", end = "07:00", timeZone = "Europe/Paris" } }, mum.Token)).ErrorCodes);
        Assert.Equal(3, (await Api.PostAsync(FamilySeeds.Family, token: teen.Token)).Ok().GetProperty("family").GetProperty("controls").GetProperty("dailyItemCap").GetInt32());

        // Once the only parent unlinks, the controls are gone and the teen's own settings apply again.
        Assert.Empty((await Api.FamilyMutationAsync("unlinkFamily", "accountId", teen.Id, mum.Token)).Payload("unlinkFamily").GetProperty("errors").EnumerateArray());
        Assert.Empty(Codes(await Api.PostAsync("mutation { setPersonalization(input: { enabled: true }) { errors { code } } }", token: teen.Token), "setPersonalization"));
        // A new session: the three served but unwatched come back, past the old cap of three.
        var open = await Api.FeedAsync(teen.Token, first: 10);
        Assert.Equal((5, "END_OF_FEED"), (open.Ids().Count, open.GetProperty("endReason").GetString()));
        Assert.True(open.GetProperty("personalized").GetBoolean());
    }

    [Fact]
    public async Task Continuous_scroll_off_quiet_hours_and_a_minute_cap_each_end_the_feed_with_their_reason()
    {
        var mum = await Api.SignUpAsync("mum");
        var teen = await Api.SignUpTeenAsync("kid");
        var videos = await VideosAsync(6);
        await Api.LinkAsync(mum, teen);

        Assert.Empty((await Api.SetControlsAsync(teen.Id, new { sessionPageLimit = 1 }, mum.Token)).Payload("setParentalControls").GetProperty("errors").EnumerateArray());
        var only = await Api.FeedAsync(teen.Token, first: 2);
        Assert.Equal(2, only.Ids().Count);
        Assert.Equal("SESSION_PAGE_LIMIT_REACHED", only.GetProperty("endReason").GetString());
        Assert.False(only.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("pageInfo").GetProperty("endCursor").ValueKind);

        // Quiet hours around now (in UTC, so the test does not depend on the machine's zone).
        var now = TimeOnly.FromDateTime(DateTime.UtcNow);
        var quiet = new { start = now.AddHours(-1).ToString("HH:mm"), end = now.AddHours(1).ToString("HH:mm"), timeZone = "Etc/UTC" };
        Assert.Empty((await Api.SetControlsAsync(teen.Id, new { quietHours = quiet }, mum.Token)).Payload("setParentalControls").GetProperty("errors").EnumerateArray());
        var hushed = (await Api.PostAsync("query { feed(first: 5) { items { video { id } } endReason opensAt } }", token: teen.Token)).Ok().GetProperty("feed");
        Assert.Equal(("QUIET_HOURS", 0), (hushed.GetProperty("endReason").GetString(), hushed.GetProperty("items").GetArrayLength()));
        Assert.InRange(hushed.GetProperty("opensAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));

        // A minute cap counts what views report watched today.
        Assert.Empty((await Api.SetControlsAsync(teen.Id, new { quietHours = (object?)null, sessionPageLimit = (int?)null, dailyMinuteCap = 1 }, mum.Token))
            .Payload("setParentalControls").GetProperty("errors").EnumerateArray());
        Assert.Equal(2, (await Api.FeedAsync(teen.Token, first: 2)).Ids().Count);
        (await Api.ViewAsync(videos[0], teen.Token, watchedMs: 40_000)).Ok();
        (await Api.ViewAsync(videos[1], teen.Token, watchedMs: 20_000)).Ok();
        var watched = await Api.FeedAsync(teen.Token, first: 2);
        Assert.Equal(("DAILY_WATCH_TIME_REACHED", 0), (watched.GetProperty("endReason").GetString(), watched.Ids().Count));

        var family = (await Api.PostAsync(FamilySeeds.Family, token: mum.Token)).Ok().GetProperty("family").GetProperty("teens")[0].GetProperty("controls");
        Assert.Equal((1, JsonValueKind.Null, JsonValueKind.Null),
            (family.GetProperty("dailyMinuteCap").GetInt32(), family.GetProperty("sessionPageLimit").ValueKind, family.GetProperty("quietHours").ValueKind));
    }
}

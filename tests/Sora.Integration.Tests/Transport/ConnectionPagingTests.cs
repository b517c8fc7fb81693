using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Transport;

/// <summary>The lists that became connections page with first/after like every other: each page continues the last, none repeats.</summary>
public sealed class ConnectionPagingTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>Walks a connection page by page (first: 2) and returns every node's <paramref name="key"/>.</summary>
    private async Task<List<string>> WalkAsync(string query, Func<JsonElement, JsonElement> connection, object variables, string token, string key)
    {
        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var vars = JsonSerializer.SerializeToElement(variables).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
            vars["first"] = 2;
            vars["after"] = after;
            var found = connection((await Api.PostAsync(query, vars, token)).Ok());
            var nodes = found.Nodes();
            Assert.True(nodes.Length <= 2);
            seen.AddRange(nodes.Select(n => n.GetProperty(key).ToString()));
            var info = found.GetProperty("pageInfo");
            Assert.Equal(after is not null, info.GetProperty("hasPreviousPage").GetBoolean());
            if (!info.GetProperty("hasNextPage").GetBoolean()) return seen;
            after = info.GetProperty("endCursor").GetString();
        }
        throw new InvalidOperationException("more pages than expected");
    }

    [Fact]
    public async Task Cameos_grants_blocks_generations_and_audit_lists_page_through_every_item_once()
    {
        var owner = await Api.SignUpAsync("owner");
        var others = new List<TestAccount>();
        for (var i = 0; i < 3; i++) others.Add(await Api.SignUpAsync($"other{i}"));
        var cameos = new List<Guid>();
        for (var i = 0; i < 3; i++) cameos.Add(await Host.VerifiedCameoAsync(owner.Id));
        var cameo = cameos[0];
        var grants = new List<string>();
        foreach (var other in others) grants.Add((await Api.GrantAsync(cameo, other.Id, owner.Token)).ToString());
        const string Block = "mutation($i: BlockFromCameoInput!) { blockFromCameo(input: $i) { errors { code } } }";
        foreach (var other in others) (await Api.PostAsync(Block, new { i = new { cameoId = cameo, accountId = other.Id } }, owner.Token)).Ok();

        const string Mine = "query($first: Int, $after: String) { myCameos(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        Assert.Equal(cameos.AsEnumerable().Reverse().Select(c => c.ToString()), await WalkAsync(Mine, d => d.GetProperty("myCameos"), new { }, owner.Token, "id"));

        const string Grants = "query($id: ID!, $first: Int, $after: String) { cameo(id: $id) { grants(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }";
        Assert.Equal(grants, await WalkAsync(Grants, d => d.GetProperty("cameo").GetProperty("grants"), new { id = cameo }, owner.Token, "id"));

        const string Blocked = "query($id: ID!, $first: Int, $after: String) { cameo(id: $id) { blocked(first: $first, after: $after) { edges { node { handle } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }";
        Assert.Equal(others.Select(o => o.Handle), await WalkAsync(Blocked, d => d.GetProperty("cameo").GetProperty("blocked"), new { id = cameo }, owner.Token, "handle"));

        var videos = new List<Guid>();
        for (var i = 0; i < 5; i++) videos.Add(await Host.DraftVideoAsync(owner, $"a draft number {i}", DateTimeOffset.UtcNow.AddMinutes(i)));
        const string Generations = "query($first: Int, $after: String) { myGenerations(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        Assert.Equal(videos.AsEnumerable().Reverse().Select(v => v.ToString()), await WalkAsync(Generations, d => d.GetProperty("myGenerations"), new { }, owner.Token, "id"));

        var auditor = await Api.SignUpAsync("auditor");
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        (await Api.PostAsync("mutation($a: ID!) { grantRole(input: { accountId: $a, role: AUDITOR }) { errors { code } } }", new { a = auditor.Id }, admin.Token)).Ok();
        const string History = "query($id: ID!, $first: Int, $after: String) { consentHistory(cameoId: $id, first: $first, after: $after) { edges { node { type } } pageInfo { hasNextPage hasPreviousPage endCursor } } }";
        var history = await WalkAsync(History, d => d.GetProperty("consentHistory"), new { id = cameo }, auditor.Token, "type");
        var whole = (await Api.PostAsync(History, new { id = cameo, first = 100 }, auditor.Token)).Ok().GetProperty("consentHistory").Nodes()
            .Select(n => n.GetProperty("type").GetString()!).ToList();
        Assert.Equal(whole, history);
        Assert.Equal(["cameo_verification_started", "cameo_recording_received", "cameo_verified", "cameo_access_granted"], history.Take(4));
        Assert.Equal(3, history.Count(t => t == "cameo_block_added"));

        // Bounds and foreign cursors are refused as for every connection.
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Mine, new { first = 101 }, owner.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync(Grants, new { id = cameo, after = "bm90LW91cnM" }, owner.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync("query($a: String) { deadLetters(after: $a) { edges { node { id } } } }", new { a = "nope" }, admin.Token)).ErrorCodes);
    }
}

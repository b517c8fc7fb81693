using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Parental;

/// <summary>The parent–teen link through GraphQL: invite, confirm, at most two parents, unlink from either side, the audit view.</summary>
public sealed class ParentalLinkTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string History = """
        query($t: ID) { familyHistory(teenId: $t, first: 50) { edges { node { change parent { handle } by { handle } fields } } } }
        """;

    private async Task<List<(string Change, string? Parent, string? By)>> HistoryAsync(Guid teen, TestAccount viewer) =>
        (await Api.PostAsync(History, new { t = teen }, viewer.Token)).Ok().GetProperty("familyHistory").Nodes()
        .Select(n => (n.GetProperty("change").GetString()!, Handle(n.GetProperty("parent")), Handle(n.GetProperty("by")))).ToList();

    private static string? Handle(JsonElement account) => account.ValueKind == JsonValueKind.Null ? null : account.GetProperty("handle").GetString();

    private static List<string> Handles(JsonElement family, string list, string field = "account") =>
        family.GetProperty(list).EnumerateArray().Select(l => l.GetProperty(field).GetProperty("handle").GetString()!).ToList();

    [Fact]
    public async Task A_teen_confirms_at_most_two_parents_either_side_unlinks_and_both_sides_see_the_history()
    {
        var mum = await Api.SignUpAsync("mum");
        var dad = await Api.SignUpAsync("dad");
        var aunt = await Api.SignUpAsync("aunt");
        var teen = await Api.SignUpTeenAsync("kid");

        var invite = (await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, mum.Token)).Payload("inviteTeen");
        Assert.Empty(invite.GetProperty("errors").EnumerateArray());
        var teensFamily = (await Api.PostAsync(FamilySeeds.Family, token: teen.Token)).Ok().GetProperty("family");
        Assert.Equal(["mum"], Handles(teensFamily, "invitesReceived", "parent"));
        Assert.Equal(invite.GetProperty("inviteId").GetString(), teensFamily.GetProperty("invitesReceived")[0].GetProperty("id").GetString());
        Assert.Equal(["kid"], Handles((await Api.PostAsync(FamilySeeds.Family, token: mum.Token)).Ok().GetProperty("family"), "invitesSent", "teen"));

        var confirmed = (await Api.FamilyMutationAsync("confirmParentLink", "inviteId", Guid.Parse(invite.GetProperty("inviteId").GetString()!), teen.Token))
            .Payload("confirmParentLink");
        Assert.Equal(mum.Id.ToString(), confirmed.GetProperty("family").GetProperty("parents")[0].GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(["kid"], Handles((await Api.PostAsync(FamilySeeds.Family, token: mum.Token)).Ok().GetProperty("family"), "teens"));

        await Api.LinkAsync(dad, teen);
        var third = (await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, aunt.Token)).Payload("inviteTeen");
        Assert.Equal(["TOO_MANY_PARENTS"], third.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList());
        Assert.Equal(["mum", "dad"], Handles((await Api.PostAsync(FamilySeeds.Family, token: teen.Token)).Ok().GetProperty("family"), "parents"));

        // The teen ends mum's link; dad ends his own.
        Assert.Empty((await Api.FamilyMutationAsync("unlinkFamily", "accountId", mum.Id, teen.Token)).Payload("unlinkFamily").GetProperty("errors").EnumerateArray());
        Assert.Empty(Handles((await Api.PostAsync(FamilySeeds.Family, token: mum.Token)).Ok().GetProperty("family"), "teens"));
        Assert.Empty((await Api.FamilyMutationAsync("unlinkFamily", "accountId", teen.Id, dad.Token)).Payload("unlinkFamily").GetProperty("errors").EnumerateArray());
        Assert.Empty(Handles((await Api.PostAsync(FamilySeeds.Family, token: teen.Token)).Ok().GetProperty("family"), "parents"));
        // Unlinking again is not a link any more.
        Assert.Equal(["NOT_FOUND"], (await Api.FamilyMutationAsync("unlinkFamily", "accountId", teen.Id, dad.Token)).ErrorCodes);

        Assert.Equal([("INVITED", "mum", "mum"), ("LINKED", "mum", "kid"), ("INVITED", "dad", "dad"), ("LINKED", "dad", "kid"),
            ("UNLINKED", "mum", "kid"), ("UNLINKED", "dad", "dad")], await HistoryAsync(teen.Id, teen));
        // A former parent sees what named it; the refused aunt was never invited, so for her there is nothing.
        Assert.Equal([("INVITED", "mum", "mum"), ("LINKED", "mum", "kid"), ("UNLINKED", "mum", "kid")], await HistoryAsync(teen.Id, mum));
        Assert.Equal(["NOT_FOUND"], (await Api.PostAsync(History, new { t = teen.Id }, aunt.Token)).ErrorCodes);
        Assert.Equal(["UNAUTHENTICATED"], (await Api.PostAsync(History, new { t = teen.Id })).ErrorCodes);
    }

    [Fact]
    public async Task Links_are_refused_to_the_wrong_accounts_the_anonymous_a_blocked_parent_and_a_suspended_one()
    {
        var admin = await Api.SignUpAsync(TestSettings.AdminHandle);
        var mum = await Api.SignUpAsync("mum");
        var adult = await Api.SignUpAsync("grownup");
        var teen = await Api.SignUpTeenAsync("kid");
        var other = await Api.SignUpTeenAsync("otherkid");

        List<string> Codes(GqlResponse r, string field) => r.ErrorCodes.Count > 0 ? r.ErrorCodes.ToList() : r.UserErrors(field).ToList();
        Assert.Equal(["NOT_ELIGIBLE"], Codes(await Api.FamilyMutationAsync("inviteTeen", "teenId", adult.Id, mum.Token), "inviteTeen"));
        Assert.Equal(["NOT_ELIGIBLE"], Codes(await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, other.Token), "inviteTeen"));
        Assert.Equal(["CANNOT_TARGET_SELF"], Codes(await Api.FamilyMutationAsync("inviteTeen", "teenId", mum.Id, mum.Token), "inviteTeen"));
        Assert.Equal(["UNAUTHENTICATED"], (await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, null)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.FamilyMutationAsync("inviteTeen", "teenId", Guid.NewGuid(), mum.Token)).ErrorCodes);
        Assert.Equal(["BAD_USER_INPUT"], (await Api.PostAsync("mutation { inviteTeen(input: { teenId: \"nope\" }) { errors { code } } }", token: mum.Token)).ErrorCodes);

        // An invite is the teen's to answer: another account naming it finds nothing.
        var invite = Guid.Parse((await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, mum.Token)).Payload("inviteTeen").GetProperty("inviteId").GetString()!);
        Assert.Equal(["NOT_FOUND"], (await Api.FamilyMutationAsync("confirmParentLink", "inviteId", invite, other.Token)).ErrorCodes);
        Assert.Equal(["NOT_FOUND"], (await Api.FamilyMutationAsync("withdrawTeenInvite", "teenId", teen.Id, adult.Token)).ErrorCodes);
        Assert.Equal(["ALREADY_INVITED"], Codes(await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, mum.Token), "inviteTeen"));
        Assert.Empty((await Api.FamilyMutationAsync("declineParentLink", "inviteId", invite, teen.Token)).Payload("declineParentLink").GetProperty("errors").EnumerateArray());
        Assert.Equal(["NOT_FOUND"], (await Api.FamilyMutationAsync("confirmParentLink", "inviteId", invite, teen.Token)).ErrorCodes);

        // A teen who blocks an adult cannot be invited by them, nor confirm them.
        (await Api.SocialAsync("block", adult.Id, teen.Token)).Ok();
        Assert.Equal(["FORBIDDEN"], (await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, adult.Token)).ErrorCodes);

        // A suspended account cannot invite; it can still end a link (protective).
        await Api.LinkAsync(mum, other);
        await Host.SuspendAsync(Api, mum, adult, admin);
        Assert.Equal(["ACCOUNT_RESTRICTED"], (await Api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, mum.Token)).ErrorCodes);
        Assert.Equal(["ACCOUNT_RESTRICTED"], (await Api.SetControlsAsync(other.Id, new { dailyItemCap = 5 }, mum.Token)).ErrorCodes);
        Assert.Empty((await Api.FamilyMutationAsync("unlinkFamily", "accountId", other.Id, mum.Token)).Payload("unlinkFamily").GetProperty("errors").EnumerateArray());
    }
}

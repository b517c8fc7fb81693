using System.Text.Json;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Parental;

/// <summary>
/// Who may do what to a teen, cell by cell. The teen (linked to a parent, following the parent and one adult) is the
/// subject of every action; the rows are who acts: the teen itself, an adult the teen follows, its linked parent, an
/// unlinked adult with no relation to it, and a stranger who is not signed in. Each cell is "OK" or the code answered.
/// </summary>
public sealed class RefusalMatrixTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] Rows = ["teen", "adult", "linked parent", "unlinked adult", "stranger"];
    private static readonly string[] Columns = ["message", "follow", "cameo grant", "feed controls", "export", "delete"];

    // What the product promises (docs/parental.md, docs/messaging.md, docs/privacy.md).
    private static readonly Dictionary<(string, string), string> Expected = new()
    {
        [("teen", "message")] = "BAD_USER_INPUT", [("teen", "follow")] = "CANNOT_TARGET_SELF", [("teen", "cameo grant")] = "PENDING_PARENT",
        [("teen", "feed controls")] = "FORBIDDEN", [("teen", "export")] = "OK", [("teen", "delete")] = "OK",
        [("adult", "message")] = "OK", [("adult", "follow")] = "OK", [("adult", "cameo grant")] = "NOT_FOUND",
        [("adult", "feed controls")] = "FORBIDDEN", [("adult", "export")] = "NOT_FOUND", [("adult", "delete")] = "OWN_ONLY",
        [("linked parent", "message")] = "OK", [("linked parent", "follow")] = "OK", [("linked parent", "cameo grant")] = "NOT_FOUND",
        [("linked parent", "feed controls")] = "OK", [("linked parent", "export")] = "NOT_FOUND", [("linked parent", "delete")] = "OWN_ONLY",
        [("unlinked adult", "message")] = "NOT_ACCEPTING_MESSAGES", [("unlinked adult", "follow")] = "OK", [("unlinked adult", "cameo grant")] = "NOT_FOUND",
        [("unlinked adult", "feed controls")] = "FORBIDDEN", [("unlinked adult", "export")] = "NOT_FOUND", [("unlinked adult", "delete")] = "OWN_ONLY",
        [("stranger", "message")] = "UNAUTHENTICATED", [("stranger", "follow")] = "UNAUTHENTICATED", [("stranger", "cameo grant")] = "UNAUTHENTICATED",
        [("stranger", "feed controls")] = "UNAUTHENTICATED", [("stranger", "export")] = "UNAUTHENTICATED", [("stranger", "delete")] = "UNAUTHENTICATED",
    };

    private static string Outcome(GqlResponse response, string field)
    {
        if (response.ErrorCodes.Count > 0) return response.ErrorCodes[0];
        if (field == "dataExport") return "OK"; // a query: no payload errors
        var errors = response.UserErrors(field);
        return errors.Count > 0 ? errors[0] : "OK";
    }

    [Fact]
    public async Task Every_cell_of_the_matrix_holds()
    {
        var teen = await Api.SignUpTeenAsync("kid");
        var adult = await Api.SignUpAsync("coach");
        var parent = await Api.SignUpAsync("mum");
        var unlinked = await Api.SignUpAsync("grownup");
        await Api.LinkAsync(parent, teen);
        (await Api.SocialAsync("follow", parent.Id, teen.Token)).Ok();
        (await Api.SocialAsync("follow", adult.Id, teen.Token)).Ok();
        var cameo = await Host.VerifiedCameoAsync(teen.Id);
        var teensExport = Guid.Parse((await Api.PostAsync("mutation { exportMyData(input: {}) { export { id } errors { code } } }", token: teen.Token))
            .Payload("exportMyData").GetProperty("export").GetProperty("id").GetString()!);

        var actors = new Dictionary<string, TestAccount?> { ["teen"] = teen, ["adult"] = adult, ["linked parent"] = parent, ["unlinked adult"] = unlinked, ["stranger"] = null };
        var actual = new Dictionary<(string, string), string>();
        foreach (var (row, actor) in actors)
        {
            var token = actor?.Token;
            actual[(row, "message")] = Outcome(await Api.PostAsync(
                "mutation($m: [ID!]!) { startConversation(input: { memberIds: $m, text: \"hi\" }) { conversationId errors { code } } }",
                new { m = new[] { teen.Id } }, token), "startConversation");
            actual[(row, "follow")] = Outcome(await Api.SocialAsync("follow", teen.Id, token), "follow");
            var grant = await Api.PostAsync("mutation($i: GrantCameoAccessInput!) { grantCameoAccess(input: $i) { grantId cameo { pendingChanges { id } } errors { code } } }",
                new { i = new { cameoId = cameo, accountId = unlinked.Id } }, token);
            var granted = Outcome(grant, "grantCameoAccess");
            // The teen's own grant is accepted as a proposal that waits for the parent, never as a grant.
            actual[(row, "cameo grant")] = granted == "OK" && grant.Payload("grantCameoAccess").GetProperty("cameo").GetProperty("pendingChanges").GetArrayLength() > 0
                ? "PENDING_PARENT" : granted;
            actual[(row, "feed controls")] = Outcome(await Api.SetControlsAsync(teen.Id, new { dailyItemCap = 40 }, token), "setParentalControls");
            actual[(row, "export")] = Outcome(await Api.PostAsync("query($id: ID!) { dataExport(id: $id) { id } }", new { id = teensExport }, token), "dataExport");
            // deleteAccount acts on the caller only: anyone else's call schedules their own account, never the teen's.
            var delete = await Api.PostAsync("mutation { deleteAccount(input: { confirm: true }) { deletionScheduledFor errors { code } } }", token: token);
            var deleted = Outcome(delete, "deleteAccount");
            var teensDeletion = (await Api.PostAsync("query { me { deletionScheduledFor } }", token: teen.Token)).Ok().GetProperty("me").GetProperty("deletionScheduledFor");
            actual[(row, "delete")] = deleted != "OK" ? deleted
                : row == "teen" ? (teensDeletion.ValueKind == JsonValueKind.Null ? "NOT SCHEDULED" : "OK")
                : teensDeletion.ValueKind == JsonValueKind.Null ? "OWN_ONLY" : "TEEN SCHEDULED";
            if (actor is not null)
                (await Api.PostAsync("mutation { cancelAccountDeletion(input: {}) { errors { code } } }", token: token)).Ok();
        }

        var wrong = Rows.SelectMany(r => Columns.Select(c => (r, c))).Where(cell => actual[cell] != Expected[cell])
            .Select(cell => $"{cell.r} × {cell.c}: expected {Expected[cell]}, got {actual[cell]}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(30, actual.Count);
    }
}

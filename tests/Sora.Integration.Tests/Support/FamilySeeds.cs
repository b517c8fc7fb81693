using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>Teens, parent links and restricted accounts, made through the API as a client would.</summary>
public static class FamilySeeds
{
    /// <summary>A birth date that makes an account 15 today (teen status is derived from it at read time).</summary>
    public static string TeenBirthDate => DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd");

    public static Task<TestAccount> SignUpTeenAsync(this GraphQLClient api, string handle) => api.SignUpAsync(handle, TeenBirthDate);

    public const string Family = """
        query { family {
          parents { account { id handle } controls { dailyItemCap personalizationOff } }
          teens { account { id handle } controls { dailyItemCap dailyMinuteCap personalizationOff sessionPageLimit directMessages quietHours { start end timeZone } } }
          invitesReceived { id parent { handle } } invitesSent { id teen { handle } }
          controls { dailyItemCap dailyMinuteCap personalizationOff sessionPageLimit directMessages }
        } }
        """;

    public static async Task<GqlResponse> FamilyMutationAsync(this GraphQLClient api, string mutation, string field, Guid id, string? token) =>
        await api.PostAsync($"mutation($id: ID!) {{ {mutation}(input: {{ {field}: $id }}) {{ inviteId errors {{ code field }} family {{ parents {{ account {{ id }} }} teens {{ account {{ id }} }} }} }} }}",
            new { id }, token);

    /// <summary>The parent invites, the teen confirms: a link in force.</summary>
    public static async Task LinkAsync(this GraphQLClient api, TestAccount parent, TestAccount teen)
    {
        var invite = (await api.FamilyMutationAsync("inviteTeen", "teenId", teen.Id, parent.Token)).Payload("inviteTeen");
        Assert.Empty(invite.GetProperty("errors").EnumerateArray());
        var id = Guid.Parse(invite.GetProperty("inviteId").GetString()!);
        Assert.Empty((await api.FamilyMutationAsync("confirmParentLink", "inviteId", id, teen.Token)).Payload("confirmParentLink").GetProperty("errors").EnumerateArray());
    }

    public static async Task<GqlResponse> SetControlsAsync(this GraphQLClient api, Guid teen, object controls, string? token)
    {
        var input = new Dictionary<string, object?> { ["teenId"] = teen };
        foreach (var property in controls.GetType().GetProperties()) input[property.Name] = property.GetValue(controls);
        return await api.PostAsync(
            "mutation($i: SetParentalControlsInput!) { setParentalControls(input: $i) { controls { dailyItemCap dailyMinuteCap personalizationOff sessionPageLimit directMessages quietHours { start end timeZone } } errors { code field } } }",
            new { i = input }, token);
    }

    /// <summary>Suspends <paramref name="account"/> for three days the way moderators do: a report, then suspendAccount by the admin.</summary>
    public static async Task SuspendAsync(this RunningHost host, GraphQLClient api, TestAccount account, TestAccount reporter, TestAccount admin)
    {
        var video = await host.PublishedVideoAsync(account, "a video someone reported");
        Assert.Empty((await api.PostAsync("mutation($i: ReportInput!) { report(input: $i) { errors { code } } }",
            new { i = new { target = "VIDEO", targetId = video, reason = "HARASSMENT" } }, reporter.Token)).Payload("report").GetProperty("errors").EnumerateArray());
        var @case = Sora.Domain.Moderation.ModerationCase.IdFor(Sora.Domain.Moderation.ReportTarget.Video, video);
        Assert.Empty((await api.PostAsync("mutation($c: ID!) { suspendAccount(input: { caseId: $c, days: 3 }) { errors { code } } }", new { c = @case }, admin.Token))
            .Payload("suspendAccount").GetProperty("errors").EnumerateArray());
    }
}

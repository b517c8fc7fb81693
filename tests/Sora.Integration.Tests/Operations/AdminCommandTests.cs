using System.Diagnostics;
using Marten;
using Sora.Domain.Accounts;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Operations;

/// <summary>
/// <c>./sora admin</c>, run as an operator runs it (the script, then the host binary) against the running test
/// instance's database: the first admin of an instance, who then hands out roles through the API.
/// </summary>
public sealed class AdminCommandTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<(int Code, string Output)> SoraAdminAsync(params string[] args)
    {
        var root = Environment.GetEnvironmentVariable("SORA_ROOT") ?? throw new InvalidOperationException("SORA_ROOT is not set: run the tests through ./sora test.");
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(root, "sora"));
        info.ArgumentList.Add("admin");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The instance's own configuration, as environment variables (the test host's schema and keys).
        foreach (var (key, value) in RunningHost.Settings("sora_it", Fixture.Issuer))
            if (value is not null) info.Environment[key.Replace(":", "__")] = value;
        // The host this test run built, instead of a Release build of it.
        info.Environment["SORA_HOST_DLL"] = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Sora.Integration.Tests"), Path.Combine("src", "GraphQL")), "Sora.GraphQL.dll");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_operator_makes_the_first_admin_who_grants_an_auditor_who_exports_consent_history()
    {
        var first = await Api.SignUpAsync("first_admin");
        var auditor = await Api.SignUpAsync("auditor_one");
        const string Grant = "mutation($i: ChangeRoleInput!) { grantRole(input: $i) { errors { code } } }";
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Grant, new { i = new { accountId = auditor.Id, role = "AUDITOR" } }, first.Token)).ErrorCodes);

        var (code, output) = await SoraAdminAsync("grant", "@First_Admin", "admin");
        Assert.True(code == 0, output);
        Assert.Contains("granted ADMIN to @first_admin", output);
        (code, output) = await SoraAdminAsync("list");
        Assert.True(code == 0, output);
        Assert.Contains($"first_admin\tADMIN\t{first.Id}", output);
        Assert.Equal(1, (await SoraAdminAsync("grant", "nobody_here", "ADMIN")).Code);
        Assert.Equal(2, (await SoraAdminAsync("grant", "first_admin", "OVERLORD")).Code);

        // The same role event grantRole writes, with the operator as its actor.
        await using (var query = Host.Store.QuerySession())
        {
            var granted = (await query.Events.FetchStreamAsync(first.Id)).Single(e => e.Data is RoleGranted);
            Assert.Equal((AccountRole.Admin, Operator.Id, Operator.UserName),
                (((RoleGranted)granted.Data).Role, ((RoleGranted)granted.Data).GrantedBy, granted.UserName));
        }

        // Now an admin through the API: it makes an auditor, who runs the export.
        (await Api.PostAsync(Grant, new { i = new { accountId = auditor.Id, role = "AUDITOR" } }, first.Token)).Ok();
        var owner = await Api.SignUpAsync("cameo_owner");
        var cameo = await Host.VerifiedCameoAsync(owner.Id);
        var rows = await Host.ExportAsync(cameo, auditor);
        Assert.Equal("chain_verification", rows[^1].GetProperty("record").GetString());
        Assert.True(rows[^1].GetProperty("chainValid").GetBoolean());

        // The operator can take the role back: the account's next request no longer holds it.
        Assert.Equal(0, (await SoraAdminAsync("revoke", "first_admin", "ADMIN")).Code);
        Assert.Equal(["FORBIDDEN"], (await Api.PostAsync(Grant, new { i = new { accountId = owner.Id, role = "AUDITOR" } }, first.Token)).ErrorCodes);
    }
}

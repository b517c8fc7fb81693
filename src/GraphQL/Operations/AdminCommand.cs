using Marten;
using Sora.Domain.Accounts;

namespace Sora.GraphQL.Operations;

/// <summary>
/// <c>./sora admin grant HANDLE ROLE | revoke HANDLE ROLE | list</c>: the operator's role changes, run on the
/// instance's own machine against its database. They go through the same decider and handler as the grantRole and
/// revokeRole mutations, with <see cref="Operator"/> as the actor, so they write the very same role events.
/// </summary>
public static class AdminCommand
{
    public const string Name = "admin";

    public const string Usage = """
        usage: ./sora admin grant HANDLE ROLE    give an account a role (MODERATOR, AUDITOR or ADMIN)
               ./sora admin revoke HANDLE ROLE   take it away
               ./sora admin list                 every account that holds a role beyond USER
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        switch (args)
        {
            case ["list"]:
                await using (var query = store.QuerySession())
                {
                    // Every account holds USER; a second role means moderator, auditor or admin.
                    var staff = await query.Query<Account>().Where(a => a.Roles.Length > 1).OrderBy(a => a.Handle).ToListAsync(ct);
                    foreach (var account in staff)
                        output.WriteLine($"{account.Handle}\t{string.Join(',', account.Roles.Where(r => r != AccountRole.User).Select(RoleName))}\t{account.Id}");
                    if (staff.Count == 0) output.WriteLine("No account holds a role beyond USER. Make the first admin: ./sora admin grant HANDLE ADMIN");
                }
                return 0;
            case [var verb and ("grant" or "revoke"), var handle, var roleName]:
                if (!Enum.TryParse<AccountRole>(roleName.Replace("_", ""), ignoreCase: true, out var role) || !Enum.IsDefined(role))
                {
                    error.WriteLine($"Unknown role '{roleName}': use MODERATOR, AUDITOR or ADMIN.");
                    return 2;
                }
                await using (var session = store.LightweightSession())
                {
                    var claim = await session.LoadAsync<HandleClaim>(Handles.Normalize(handle), ct);
                    if (claim is null)
                    {
                        error.WriteLine($"No account has the handle @{Handles.Normalize(handle)}: sign up first, then grant.");
                        return 1;
                    }
                    session.LastModifiedBy = Operator.UserName;
                    session.CorrelationId = $"sora-admin-{Guid.NewGuid():N}";
                    var grant = verb == "grant";
                    var result = await ChangeRoleHandler.Handle(new ChangeRole(Operator.Actor, claim.AccountId, role, grant), session, TimeProvider.System, ct);
                    if (result.Refusal is { } refusal)
                    {
                        error.WriteLine($"{refusal.Code}: {refusal.Message}");
                        return 1;
                    }
                    output.WriteLine($"{(grant ? "granted" : "revoked")} {RoleName(role)} {(grant ? "to" : "from")} @{Handles.Normalize(handle)}");
                }
                return 0;
            default:
                error.WriteLine(Usage);
                return 2;
        }
    }

    private static string RoleName(AccountRole role) => role.ToString().ToUpperInvariant();
}

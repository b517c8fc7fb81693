using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Accounts;

/// <summary>Changes display name and/or bio. A null field is left as it is; an empty string clears it.</summary>
public sealed record UpdateProfile(Actor By, Guid AccountId, string? DisplayName, string? Bio);

public static class UpdateProfileDecider
{
    public const int MaxDisplayName = 50;
    public const int MaxBio = 300;

    public static Decision<object> Decide(UpdateProfile command, Account? account, DateTimeOffset now)
    {
        if (account is null) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such account.");
        if (command.By.AccountId != account.Id && !command.By.IsAdmin)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only the owner or an admin can edit a profile.");
        if (command.DisplayName is { Length: > MaxDisplayName })
            return Decision<object>.Refuse(AccountErrors.InvalidProfile, $"A display name has at most {MaxDisplayName} characters.", "displayName");
        if (command.Bio is { Length: > MaxBio })
            return Decision<object>.Refuse(AccountErrors.InvalidProfile, $"A bio has at most {MaxBio} characters.", "bio");
        if (command.DisplayName is { } name && name.Any(char.IsControl))
            return Decision<object>.Refuse(AccountErrors.InvalidProfile, "A display name cannot hold control characters.", "displayName");

        var fields = new List<string>();
        if (command.DisplayName is not null) fields.Add("displayName");
        if (command.Bio is not null) fields.Add("bio");
        return fields.Count == 0
            ? Decision<object>.Accept()
            : Decision<object>.Accept(new ProfileUpdated(account.Id, command.By.AccountId, fields.ToArray(), now));
    }
}

public static class UpdateProfileHandler
{
    public static async Task<CommandResult> Handle(
        UpdateProfile command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, ct);
        var decision = UpdateProfileDecider.Decide(command, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(command.AccountId);

        var current = await vault.OpenAsync<AccountPersonalData>(session, command.AccountId, SignUpHandler.PersonalDataKind, ct)
                      ?? throw new InvalidOperationException("The account's personal data was forgotten.");
        var updated = current with
        {
            DisplayName = command.DisplayName is null ? current.DisplayName : Blank(command.DisplayName.Trim()),
            Bio = command.Bio is null ? current.Bio : Blank(command.Bio.Trim()),
        };
        await vault.SealAsync(session, command.AccountId, SignUpHandler.PersonalDataKind, updated, ct);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.AccountId);
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;
}

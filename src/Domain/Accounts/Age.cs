namespace Sora.Domain.Accounts;

/// <summary>Age rules. Teen status is derived from the birth date at read time, never stored as a flag.</summary>
public static class Age
{
    public const int MinimumAge = 13;
    public const int AdultAge = 18;

    public static int YearsOn(DateOnly birthDate, DateOnly today)
    {
        var years = today.Year - birthDate.Year;
        if (birthDate.AddYears(years) > today) years--;
        return years;
    }

    /// <summary>
    /// Whether the account is 18 or over today, from the birth date sealed in the vault (read only when a decision
    /// needs it: an age-restricted video). An account whose data was forgotten, or an identity without an account, is not.
    /// </summary>
    public static async Task<bool> IsAdultAsync(Marten.IQuerySession session, Privacy.PersonalDataVault vault, Guid accountId, DateOnly today,
        CancellationToken ct) =>
        await vault.OpenAsync<AccountPersonalData>(session, accountId, SignUpHandler.PersonalDataKind, ct) is { } data
        && YearsOn(data.BirthDate, today) >= AdultAge;

    /// <summary>
    /// Whether the account is 13 to 17 today, from the birth date sealed in the vault (direct messages decide on it). An
    /// account whose data was forgotten is not: its messages are then judged as an adult's, the stricter side for a teen.
    /// </summary>
    public static async Task<bool> IsTeenAsync(Marten.IQuerySession session, Privacy.PersonalDataVault vault, Guid accountId, DateOnly today,
        CancellationToken ct) =>
        (await TeensAmongAsync(session, vault, [accountId], today, ct)).Contains(accountId);

    /// <summary>The teens among many accounts, with one opening of the vault (a group's members).</summary>
    public static async Task<IReadOnlySet<Guid>> TeensAmongAsync(Marten.IQuerySession session, Privacy.PersonalDataVault vault,
        IReadOnlyCollection<Guid> accountIds, DateOnly today, CancellationToken ct) =>
        (await vault.OpenManyAsync<AccountPersonalData>(session, accountIds, SignUpHandler.PersonalDataKind, ct))
        .Where(p => IsTeen(p.Value.BirthDate, today)).Select(p => p.Key).ToHashSet();

    public static bool IsTeen(DateOnly birthDate, DateOnly today)
    {
        var years = YearsOn(birthDate, today);
        return years is >= MinimumAge and < AdultAge;
    }
}

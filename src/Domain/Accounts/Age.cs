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

    public static bool IsTeen(DateOnly birthDate, DateOnly today)
    {
        var years = YearsOn(birthDate, today);
        return years is >= MinimumAge and < AdultAge;
    }
}

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

    public static bool IsTeen(DateOnly birthDate, DateOnly today)
    {
        var years = YearsOn(birthDate, today);
        return years is >= MinimumAge and < AdultAge;
    }
}

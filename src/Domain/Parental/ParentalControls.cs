namespace Sora.Domain.Parental;

/// <summary>Who may send a teen a direct message, as a linked parent sets it.</summary>
public enum DirectMessagePolicy
{
    /// <summary>No one: new conversations and messages to the teen are refused.</summary>
    Nobody,
    /// <summary>Only accounts the teen follows and that follow the teen.</summary>
    Mutuals,
    /// <summary>Everyone the teen follows.</summary>
    Following,
}

/// <summary>
/// A daily window in which the teen's feed is closed and the teen cannot send messages. <see cref="Start"/> after
/// <see cref="End"/> spans midnight (22:00–07:00). Times are local to <see cref="TimeZone"/>, an IANA zone id.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, string TimeZone)
{
    public bool Covers(DateTimeOffset now)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        return Start <= End ? local >= Start && local < End : local >= Start || local < End;
    }

    /// <summary>When the window that covers <paramref name="now"/> ends (the feed's "come back at").</summary>
    public DateTimeOffset EndsAfter(DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var end = local.Date + End.ToTimeSpan();
        if (end <= local.DateTime) end = end.AddDays(1);
        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}

/// <summary>
/// What linked parents set for a teen. Null means "not set by a parent": the teen's own setting (or the teen default)
/// applies. Every control is enforced by the server on the path it governs (docs/parental.md).
/// </summary>
public sealed record ParentalControls(
    int? DailyItemCap = null,
    int? DailyMinuteCap = null,
    bool PersonalizationOff = false,
    int? SessionPageLimit = null,
    QuietHours? QuietHours = null,
    DirectMessagePolicy? DirectMessages = null)
{
    public static readonly ParentalControls None = new();

    public const int MaxItemCap = 10_000;
    public const int MaxMinuteCap = 24 * 60;
    public const int MaxSessionPages = 100;
}

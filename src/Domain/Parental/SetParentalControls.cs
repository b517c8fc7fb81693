using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Parental;

/// <summary>A control to change; absent (null) leaves it as it is, a change to null clears it.</summary>
public sealed record ControlChange<T>(T Value);

/// <summary>A linked parent changes some of a teen's controls.</summary>
public sealed record SetParentalControls(
    Actor By,
    Guid TeenId,
    ControlChange<int?>? DailyItemCap = null,
    ControlChange<int?>? DailyMinuteCap = null,
    bool? PersonalizationOff = null,
    ControlChange<int?>? SessionPageLimit = null,
    ControlChange<QuietHours?>? QuietHours = null,
    ControlChange<DirectMessagePolicy?>? DirectMessages = null);

public static class SetParentalControlsDecider
{
    public static Decision<object> Decide(SetParentalControls command, Guardianship state, FamilyFacts facts, DateTimeOffset now)
    {
        var parent = command.By.AccountId;
        if (!state.IsLinked(parent))
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only a linked parent can set this account's controls.", "teenId");
        if (!facts.TeenIsTeen)
            return Decision<object>.Refuse(ParentalErrors.NotEligible, "Controls apply only to accounts aged 13 to 17.", "teenId");
        if (Validate(command) is { } bad) return new Decision<object>([], bad);

        var before = state.Controls;
        var after = before with
        {
            DailyItemCap = command.DailyItemCap is { } items ? items.Value : before.DailyItemCap,
            DailyMinuteCap = command.DailyMinuteCap is { } minutes ? minutes.Value : before.DailyMinuteCap,
            PersonalizationOff = command.PersonalizationOff ?? before.PersonalizationOff,
            SessionPageLimit = command.SessionPageLimit is { } pages ? pages.Value : before.SessionPageLimit,
            QuietHours = command.QuietHours is { } quiet ? quiet.Value : before.QuietHours,
            DirectMessages = command.DirectMessages is { } dm ? dm.Value : before.DirectMessages,
        };
        var fields = new List<string>();
        if (after.DailyItemCap != before.DailyItemCap) fields.Add("dailyItemCap");
        if (after.DailyMinuteCap != before.DailyMinuteCap) fields.Add("dailyMinuteCap");
        if (after.PersonalizationOff != before.PersonalizationOff) fields.Add("personalizationOff");
        if (after.SessionPageLimit != before.SessionPageLimit) fields.Add("sessionPageLimit");
        if (after.QuietHours != before.QuietHours) fields.Add("quietHours");
        if (after.DirectMessages != before.DirectMessages) fields.Add("directMessages");
        return fields.Count == 0
            ? Decision<object>.Accept()
            : Decision<object>.Accept(new ParentalControlsChanged(state.TeenId, parent, fields.ToArray(), after, now));
    }

    private static Refusal? Validate(SetParentalControls c)
    {
        if (c.DailyItemCap?.Value is < 1 or > ParentalControls.MaxItemCap)
            return new Refusal(ErrorCodes.BadUserInput, $"The daily item cap is 1 to {ParentalControls.MaxItemCap}, or null for none.", "dailyItemCap");
        if (c.DailyMinuteCap?.Value is < 1 or > ParentalControls.MaxMinuteCap)
            return new Refusal(ErrorCodes.BadUserInput, $"The daily minute cap is 1 to {ParentalControls.MaxMinuteCap}, or null for none.", "dailyMinuteCap");
        if (c.SessionPageLimit?.Value is < 1 or > ParentalControls.MaxSessionPages)
            return new Refusal(ErrorCodes.BadUserInput, $"The session page limit is 1 to {ParentalControls.MaxSessionPages}, or null for continuous scroll.", "sessionPageLimit");
        if (c.QuietHours?.Value is { } quiet)
        {
            if (quiet.Start == quiet.End)
                return new Refusal(ErrorCodes.BadUserInput, "Quiet hours must start and end at different times.", "quietHours");
            if (quiet.TimeZone.Length is 0 or > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(quiet.TimeZone, out _))
                return new Refusal(ErrorCodes.BadUserInput, "The time zone must be an IANA zone id such as Europe/Paris.", "quietHours");
        }
        return null;
    }
}

public static class SetParentalControlsHandler
{
    public static async Task<CommandResult> Handle(SetParentalControls command, IDocumentSession session, PersonalDataVault vault, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Guardianship>(Guardianship.StreamFor(command.TeenId), ct);
        var state = stream.Aggregate ?? Guardianship.Empty(command.TeenId);
        // The vault is read only for a linked parent: anyone else is refused on the stream alone.
        var facts = state.IsLinked(command.By.AccountId)
            ? await FamilyFacts.LoadAsync(session, vault, command.By.AccountId, command.TeenId, DateOnly.FromDateTime(now.UtcDateTime), ct)
            : new FamilyFacts(false, false, false);
        return await ParentalStreams.CommitAsync(session, stream, SetParentalControlsDecider.Decide(command, state, facts, now), null, ct);
    }
}

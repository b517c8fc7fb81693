using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

public sealed record SetNotificationPreferences(Actor By, IReadOnlyList<NotificationPreference> Preferences);

public static class NotificationPreferencesDecider
{
    /// <summary>
    /// Only inbox kinds can be switched off: live-only ones are the account's own progress and echoes. A request that
    /// changes nothing records nothing.
    /// </summary>
    public static Decision<object> Decide(Guid account, IReadOnlyList<NotificationPreference> preferences, NotificationSettings? current, DateTimeOffset now)
    {
        if (preferences.Count == 0) return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Give at least one preference.", "preferences");
        if (preferences.Select(p => p.Kind).Distinct().Count() != preferences.Count)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, "Each kind at most once.", "preferences");
        if (preferences.FirstOrDefault(p => !NotificationKinds.IsStored(p.Kind)) is { } live)
            return Decision<object>.Refuse(ErrorCodes.BadUserInput, $"{live.Kind} is not an inbox kind and cannot be switched off.", "kind");
        var disabled = current?.Disabled ?? [];
        var changes = preferences.Where(p => disabled.Contains(p.Kind) == p.Enabled).ToArray();
        return changes.Length == 0 ? Decision<object>.Accept() : Decision<object>.Accept(new NotificationPreferencesSet(account, changes, now));
    }
}

public static class SetNotificationPreferencesHandler
{
    public static async Task<CommandResult> Handle(SetNotificationPreferences command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var stream = await session.Events.FetchForWriting<NotificationSettings>(NotificationSettings.StreamFor(account), ct);
        var decision = NotificationPreferencesDecider.Decide(account, command.Preferences, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Done;
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Done;
    }
}

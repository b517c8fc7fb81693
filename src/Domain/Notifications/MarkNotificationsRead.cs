using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Notifications;

/// <summary>Marks one inbox item read, or (<paramref name="AndOlder"/>) it and every older one.</summary>
public sealed record MarkNotificationsRead(Actor By, Guid ItemId, bool AndOlder);

public static class MarkReadDecider
{
    public static readonly Refusal NoSuchItem = new(ErrorCodes.NotFound, "No such notification.", "id");

    /// <summary>Someone else's item is NOT_FOUND, as a missing one is: an inbox admits nothing about another's.</summary>
    public static Decision<object> Decide(Guid account, MarkNotificationsRead command, InboxItem? item, NotificationSettings? settings, DateTimeOffset now)
    {
        if (item is null || item.RecipientId != account) return new Decision<object>([], NoSuchItem);
        var already = command.AndOlder ? item.Read && (settings?.ReadThrough ?? 0) >= item.Seq : item.Read;
        return already ? Decision<object>.Accept() : Decision<object>.Accept(new NotificationsRead(account, item.Id, item.Seq, command.AndOlder, now));
    }
}

public static class MarkNotificationsReadHandler
{
    public static async Task<CommandResult> Handle(MarkNotificationsRead command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var item = await session.LoadAsync<InboxItem>(command.ItemId, ct);
        var stream = await session.Events.FetchForWriting<NotificationSettings>(NotificationSettings.StreamFor(account), ct);
        var decision = MarkReadDecider.Decide(account, command, item, stream.Aggregate, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(command.ItemId);
        stream.AppendMany(decision.Events);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.ItemId);
    }
}

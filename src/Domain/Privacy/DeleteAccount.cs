using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>
/// The end of the grace period: the account is deleted, in one transaction, by every feature's eraser. Sent by the
/// deletion sweep for each account whose date has come; <paramref name="RequestId"/> makes a cancelled-then-renewed
/// request wait for its own date.
/// </summary>
public sealed record DeleteAccount(Guid AccountId, Guid RequestId);

public static class DeleteAccountDecider
{
    public static Decision<object> Decide(DeleteAccount command, Account? account, DateTimeOffset now)
    {
        if (account is null || account.Deleted || account.Deletion is not { } pending || pending.RequestId != command.RequestId)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No pending deletion with this id.");
        if (pending.DueAt > now) return Decision<object>.Refuse(ErrorCodes.Conflict, "The grace period has not ended.");
        return Decision<object>.Accept(new AccountDeleted(account.Id, command.RequestId, now));
    }
}

/// <summary>Every eraser the host registered (docs/privacy.md lists them).</summary>
public sealed class AccountErasers(IEnumerable<IAccountEraser> erasers)
{
    public IReadOnlyList<IAccountEraser> All { get; } = erasers.ToList();
}

public static class DeleteAccountHandler
{
    public static async Task<CommandResult> Handle(DeleteAccount command, IDocumentSession session, Wolverine.IMessageContext bus,
        PersonalDataVault vault, AccountErasers erasers, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var stream = await session.Events.FetchForWriting<Account>(command.AccountId, ct);
        var decision = DeleteAccountDecider.Decide(command, stream.Aggregate, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);

        var erasure = new AccountErasure(session, vault, bus, command.AccountId, now);
        foreach (var eraser in erasers.All) await eraser.EraseAsync(erasure, ct);
        // Last, the subject key: everything sealed under the account (email, birth date, names, imported topics) is noise.
        erasure.Shred(command.AccountId);
        stream.AppendMany(decision.Events);
        // After the commit (outbox): media bytes and the free text left in events go too.
        if (erasure.MediaToPurge.Count > 0) await bus.SendAsync(new PurgeMedia(erasure.MediaToPurge.Distinct().ToArray()));
        if (erasure.StreamsToMask.Count > 0) await bus.SendAsync(new MaskErasedText(command.AccountId, erasure.StreamsToMask.Distinct().ToArray()));
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(command.AccountId);
    }
}

/// <summary>Deletes stored bytes no media record refers to any more (a worker job: the files are the worker's store).</summary>
public sealed record PurgeMedia(string[] MediaIds);

/// <summary>Masks the free text a deleted account left in events (comment texts), with Marten's masking rules.</summary>
public sealed record MaskErasedText(Guid AccountId, Guid[] Streams);

public static class MaskErasedTextHandler
{
    public static async Task Handle(MaskErasedText command, IDocumentStore store, CancellationToken ct) =>
        await store.Advanced.ApplyEventDataMasking(masking =>
        {
            foreach (var stream in command.Streams) masking.IncludeStream(stream);
        }, ct);
}

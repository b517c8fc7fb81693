using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>
/// What one feature erases of a deleted account, inside the deletion's one transaction (<see cref="DeleteAccountHandler"/>).
/// Each feature brings its own (the host registers them), so a feature added later erases its own data with no edit here.
/// </summary>
public interface IAccountEraser
{
    Task EraseAsync(AccountErasure erasure, CancellationToken ct);
}

/// <summary>The deletion in progress: the session every eraser writes to, and what is left for after the commit.</summary>
public sealed class AccountErasure(IDocumentSession session, PersonalDataVault vault, Wolverine.IMessageContext bus, Guid accountId,
    DateTimeOffset now)
{
    public IDocumentSession Session { get; } = session;
    public PersonalDataVault Vault { get; } = vault;
    public Wolverine.IMessageContext Bus { get; } = bus;
    public Guid AccountId { get; } = accountId;
    public DateTimeOffset Now { get; } = now;
    /// <summary>The account acting on its own things (withdrawing, deleting), with no roles.</summary>
    public Actor Actor { get; } = new(accountId, new HashSet<Accounts.AccountRole> { Accounts.AccountRole.User });
    /// <summary>Media objects whose bytes go once the transaction commits (files are not transactional).</summary>
    public List<string> MediaToPurge { get; } = [];
    /// <summary>Streams whose free text is masked once the transaction commits (Marten's event masking runs on its own).</summary>
    public List<Guid> StreamsToMask { get; } = [];

    /// <summary>Crypto-shreds a subject the account owned: its key goes, and its sealed rows with it.</summary>
    public void Shred(Guid subject) => Vault.Shred(Session, subject);
}

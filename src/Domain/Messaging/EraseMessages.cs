using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>A deleted account's messages: its one-to-one conversations are shredded, in groups its texts go and it leaves.</summary>
public sealed class MessagesEraser : IAccountEraser
{
    public Task EraseAsync(AccountErasure erasure, CancellationToken ct) =>
        ShredAccount.ShredAccountAsync(erasure.Session, erasure.Vault, erasure.AccountId, erasure.Now, ct);
}

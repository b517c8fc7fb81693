using System.Buffers.Binary;
using Marten;

namespace Sora.Domain.Common;

/// <summary>
/// PostgreSQL transaction-level advisory locks for decisions that no single stream version can serialize: "this
/// account has no cameo yet" and "no other account has verified this face". The lock holds across API and worker
/// nodes and ends with the session's commit or rollback.
/// </summary>
public static class AdvisoryLock
{
    // The two-key form, each decision its own space: PostgreSQL keeps it apart from the one-bigint form that Wolverine
    // and the render inbox sweeper lock with.
    public const int Viewer = 0x536F7261;         // "Sora": one viewer's signals (ViewerLock)
    public const int CameoOwner = 0x536F4331;     // "SoC1": one cameo per account
    public const int LikenessClaims = 0x536F4332; // "SoC2": one face, one account
    public const int Reporter = 0x536F4D31;       // "SoM1": one account's reports (the hourly limit is exact)
    public const int Standing = 0x536F4D32;       // "SoM2": one account's strikes (the escalation rule counts exactly)
    public const int Exporter = 0x536F5831;       // "SoX1": one account's data exports (the daily bound is exact)
    public const int Parent = 0x536F5031;         // "SoP1": one parent's links and invites (the per-parent bound is exact)
    public const int MessageSender = 0x536F4431;  // "SoD1": one account's messages (the per-minute and per-hour limits are exact)
    public const int DirectPair = 0x536F4432;     // "SoD2": one live one-to-one conversation per pair of accounts

    /// <summary>Begins the session's transaction and takes the lock of <paramref name="key"/> in <paramref name="space"/>.</summary>
    public static async Task AcquireAsync(IDocumentSession session, int space, Guid key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?, ?)) locked", ct, space, KeyOf(key));
    }

    /// <summary>
    /// Begins the transaction and takes several locks in the order given. Callers keep one order (the sender's lock
    /// first, then the pair's), so two transactions never wait on each other in a cycle.
    /// </summary>
    public static async Task AcquireAllAsync(IDocumentSession session, CancellationToken ct, params (int Space, Guid Key)[] locks)
    {
        await session.BeginTransactionAsync(ct);
        foreach (var (space, key) in locks)
            await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?, ?)) locked", ct, space, KeyOf(key));
    }

    /// <summary>A stable 32-bit key: the four words of the id folded together (a shared key only means waiting).</summary>
    public static int KeyOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[4..])
             ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) ^ BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;

namespace Sora.Domain.Privacy;

/// <summary>
/// Envelope encryption for personal data (DESIGN §3): a random 256-bit key per subject, wrapped under the
/// master key; payloads sealed with AES-256-GCM, bound to their record id as associated data so a sealed
/// blob cannot be moved to another subject. Lookup hashes (for uniqueness of emails and the like) are
/// HMAC-SHA256 under a key derived from the master key, so the database never holds the plain values.
/// </summary>
public sealed class PersonalDataVault
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _masterKey;
    private readonly byte[] _lookupKey;

    public PersonalDataVault(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("The master key must be 32 bytes.", nameof(masterKey));
        _masterKey = masterKey;
        _lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "sora/lookup-hash"u8.ToArray());
    }

    /// <summary>
    /// A key for one object the instance encrypts outside the vault (an export archive): derived from the master key,
    /// so it is stored nowhere, and distinct per purpose and id.
    /// </summary>
    public byte[] DerivedKey(string purpose, Guid id) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _masterKey, 32, info: Encoding.UTF8.GetBytes($"sora/{purpose}/{id:N}"));

    public static string RecordId(string kind, Guid subjectId) => $"{kind}/{subjectId:N}";

    /// <summary>A stable keyed hash for looking up a value without storing it.</summary>
    public string LookupHash(string scope, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes($"{scope}\n{value}")));

    /// <summary>Seals <paramref name="payload"/> for the subject in the session's unit of work.</summary>
    public async Task SealAsync<T>(IDocumentSession session, Guid subjectId, string kind, T payload, CancellationToken ct = default)
    {
        var key = await LoadOrCreateKeyAsync(session, subjectId, ct);
        var recordId = RecordId(kind, subjectId);
        session.Store(new SealedRecord
        {
            Id = recordId,
            SubjectId = subjectId,
            Kind = kind,
            Sealed = Encrypt(key, JsonSerializer.SerializeToUtf8Bytes(payload), Encoding.UTF8.GetBytes(recordId)),
        });
    }

    /// <summary>Opens a subject's record; null when it never existed or the subject was forgotten.</summary>
    public async Task<T?> OpenAsync<T>(IQuerySession session, Guid subjectId, string kind, CancellationToken ct = default)
        where T : class
    {
        var found = await OpenManyAsync<T>(session, [subjectId], kind, ct);
        return found.GetValueOrDefault(subjectId);
    }

    /// <summary>Opens the records of many subjects in two queries (keys, then records): no N+1.</summary>
    public async Task<IReadOnlyDictionary<Guid, T>> OpenManyAsync<T>(
        IQuerySession session, IReadOnlyCollection<Guid> subjectIds, string kind, CancellationToken ct = default)
        where T : class
    {
        var ids = subjectIds.Distinct().ToArray();
        var keys = (await session.LoadManyAsync<SubjectKey>(ct, ids)).ToDictionary(k => k.Id);
        var records = await session.LoadManyAsync<SealedRecord>(ct, ids.Select(id => RecordId(kind, id)).ToArray());
        var result = new Dictionary<Guid, T>();
        foreach (var record in records)
        {
            if (!keys.TryGetValue(record.SubjectId, out var key)) continue; // shredded
            var plain = Decrypt(Unwrap(key), record.Sealed, Encoding.UTF8.GetBytes(record.Id));
            result[record.SubjectId] = JsonSerializer.Deserialize<T>(plain)!;
        }
        return result;
    }

    /// <summary>Crypto-shreds a subject: its key is deleted, so its sealed records can never be read again.</summary>
    public void Forget(IDocumentSession session, Guid subjectId) => session.Delete<SubjectKey>(subjectId);

    /// <summary>
    /// One of many records of a kind under one subject (a conversation's messages): "{kind}/{subject}/{recordKey}". The id
    /// is the associated data, so a sealed message cannot be moved to another message or another conversation.
    /// </summary>
    public static string RecordId(string kind, Guid subjectId, Guid recordKey) => $"{kind}/{subjectId:N}/{recordKey:N}";

    /// <summary>Seals one of many records of the subject (<see cref="RecordId(string, Guid, Guid)"/>) in the session's unit of work.</summary>
    public async Task SealAsync<T>(IDocumentSession session, Guid subjectId, string kind, Guid recordKey, T payload, CancellationToken ct = default)
    {
        var key = await LoadOrCreateKeyAsync(session, subjectId, ct);
        var recordId = RecordId(kind, subjectId, recordKey);
        session.Store(new SealedRecord
        {
            Id = recordId,
            SubjectId = subjectId,
            Kind = kind,
            RecordKey = recordKey,
            Sealed = Encrypt(key, JsonSerializer.SerializeToUtf8Bytes(payload), Encoding.UTF8.GetBytes(recordId)),
        });
    }

    /// <summary>
    /// Opens many records of one subject in one round trip (the key and the records in one batch): a page of a
    /// conversation's messages. Records deleted, never sealed, or under a forgotten subject are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, T>> OpenRecordsAsync<T>(
        IQuerySession session, Guid subjectId, string kind, IReadOnlyCollection<Guid> recordKeys, CancellationToken ct = default)
        where T : class
    {
        var result = new Dictionary<Guid, T>();
        if (recordKeys.Count == 0) return result;
        var batch = session.CreateBatchQuery();
        var keyTask = batch.Load<SubjectKey>(subjectId);
        var recordsTask = batch.LoadMany<SealedRecord>().ById(recordKeys.Distinct().Select(k => RecordId(kind, subjectId, k)).ToArray());
        await batch.Execute(ct);
        if (await keyTask is not { } key) return result; // shredded
        var plainKey = Unwrap(key);
        foreach (var record in await recordsTask)
        {
            if (record.SubjectId != subjectId || record.RecordKey is not { } recordKey) continue;
            result[recordKey] = JsonSerializer.Deserialize<T>(Decrypt(plainKey, record.Sealed, Encoding.UTF8.GetBytes(record.Id)))!;
        }
        return result;
    }

    /// <summary>Deletes some records of a subject (a departing member's messages): the rest stay readable under the key.</summary>
    public void DeleteRecords(IDocumentSession session, Guid subjectId, string kind, IEnumerable<Guid> recordKeys)
    {
        foreach (var recordKey in recordKeys) session.Delete<SealedRecord>(RecordId(kind, subjectId, recordKey));
    }

    /// <summary>
    /// Forgets a subject and deletes its sealed records too: the key alone already makes them unreadable, and removing
    /// the ciphertext leaves nothing to attack should the master key ever leak.
    /// </summary>
    public void Shred(IDocumentSession session, Guid subjectId)
    {
        Forget(session, subjectId);
        session.DeleteWhere<SealedRecord>(r => r.SubjectId == subjectId);
    }

    private async Task<byte[]> LoadOrCreateKeyAsync(IDocumentSession session, Guid subjectId, CancellationToken ct)
    {
        // A key created earlier in this same unit of work is not in the database yet.
        var existing = session.PendingChanges.InsertsFor<SubjectKey>().FirstOrDefault(k => k.Id == subjectId)
                       ?? await session.LoadAsync<SubjectKey>(subjectId, ct);
        if (existing is not null) return Unwrap(existing);
        var key = RandomNumberGenerator.GetBytes(32);
        // Insert, not Store: two concurrent first writes for one subject must not silently replace a key.
        session.Insert(new SubjectKey
        {
            Id = subjectId,
            WrappedKey = Encrypt(_masterKey, key, subjectId.ToByteArray()),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        return key;
    }

    private byte[] Unwrap(SubjectKey key) => Decrypt(_masterKey, key.WrappedKey, key.Id.ToByteArray());

    private static byte[] Encrypt(byte[] key, byte[] plain, byte[] associated)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), associated);
        return output;
    }

    private static byte[] Decrypt(byte[] key, byte[] sealedBytes, byte[] associated)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize),
            sealedBytes.AsSpan(NonceSize, TagSize), plain, associated);
        return plain;
    }
}

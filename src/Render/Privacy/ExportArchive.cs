using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sora.Render.Privacy;

/// <summary>
/// An export archive at rest: AES-256-GCM in 1 MiB chunks (a whole archive never sits in memory), under a key derived
/// for the export (<c>PersonalDataVault.DerivedKey</c>). Each chunk is [length (4)][nonce (12)][tag (16)][ciphertext];
/// its associated data binds the export id, the chunk's index and whether it is the last, so chunks cannot be
/// reordered, dropped or moved to another export, and a truncated file fails at its end.
/// </summary>
public static class ExportArchive
{
    private const int ChunkSize = 1 << 20;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static async Task EncryptAsync(Stream plain, Stream output, byte[] key, Guid exportId, CancellationToken ct)
    {
        using var aes = new AesGcm(key, TagSize);
        var buffer = new byte[ChunkSize];
        var next = new byte[ChunkSize];
        var length = await FillAsync(plain, buffer, ct);
        for (long index = 0; ; index++)
        {
            var nextLength = length == ChunkSize ? await FillAsync(plain, next, ct) : 0;
            var last = nextLength == 0;
            var frame = new byte[4 + NonceSize + TagSize + length];
            BinaryPrimitives.WriteInt32BigEndian(frame, length);
            RandomNumberGenerator.Fill(frame.AsSpan(4, NonceSize));
            aes.Encrypt(frame.AsSpan(4, NonceSize), buffer.AsSpan(0, length), frame.AsSpan(4 + NonceSize + TagSize),
                frame.AsSpan(4 + NonceSize, TagSize), Associated(exportId, index, last));
            await output.WriteAsync(frame, ct);
            if (last) return;
            (buffer, next, length) = (next, buffer, nextLength);
        }
    }

    public static async Task DecryptAsync(Stream encrypted, Stream output, byte[] key, Guid exportId, CancellationToken ct)
    {
        using var aes = new AesGcm(key, TagSize);
        var header = new byte[4 + NonceSize + TagSize];
        for (long index = 0; ; index++)
        {
            if (await FillAsync(encrypted, header, ct) != header.Length) throw new CryptographicException("The archive is truncated.");
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length is < 0 or > ChunkSize) throw new CryptographicException("The archive is damaged.");
            var cipher = new byte[length];
            if (await FillAsync(encrypted, cipher, ct) != length) throw new CryptographicException("The archive is truncated.");
            var plain = new byte[length];
            // The last chunk is the one the file ends after: its associated data says so, or decryption fails.
            var last = encrypted.Position == encrypted.Length;
            aes.Decrypt(header.AsSpan(4, NonceSize), cipher, header.AsSpan(4 + NonceSize, TagSize), plain, Associated(exportId, index, last));
            await output.WriteAsync(plain, ct);
            if (last) return;
        }
    }

    private static byte[] Associated(Guid exportId, long index, bool last)
    {
        var data = new byte[16 + 8 + 1];
        exportId.TryWriteBytes(data);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(16), index);
        data[24] = last ? (byte)1 : (byte)0;
        return data;
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), ct);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}

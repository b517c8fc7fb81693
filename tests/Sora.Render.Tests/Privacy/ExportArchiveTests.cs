using System.Security.Cryptography;
using Sora.Render.Privacy;
using Xunit;

namespace Sora.Render.Tests.Privacy;

public sealed class ExportArchiveTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid Export = Guid.NewGuid();

    private static async Task<byte[]> SealAsync(byte[] plain, Guid? export = null)
    {
        using var output = new MemoryStream();
        await ExportArchive.EncryptAsync(new MemoryStream(plain), output, Key, export ?? Export, CancellationToken.None);
        return output.ToArray();
    }

    private static async Task<byte[]> OpenAsync(byte[] sealedBytes, Guid? export = null)
    {
        using var output = new MemoryStream();
        await ExportArchive.DecryptAsync(new MemoryStream(sealedBytes), output, Key, export ?? Export, CancellationToken.None);
        return output.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(1 << 20)]
    [InlineData((1 << 20) * 2 + 5)]
    public async Task Archives_of_any_size_come_back_as_they_went_in(int size)
    {
        var plain = RandomNumberGenerator.GetBytes(size);
        Assert.Equal(plain, await OpenAsync(await SealAsync(plain)));
    }

    [Fact]
    public async Task A_changed_byte_a_truncation_a_dropped_chunk_or_another_exports_key_is_refused()
    {
        var plain = RandomNumberGenerator.GetBytes((1 << 20) * 2 + 100);
        var sealedBytes = await SealAsync(plain);
        var flipped = sealedBytes.ToArray();
        flipped[^10] ^= 1;
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(flipped));
        // Cut after the first chunk: it decrypts only as a last chunk, which it was not.
        var frame = 4 + 12 + 16 + (1 << 20);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes[..frame]));
        // The first chunk dropped: the second is not chunk 0.
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes[frame..]));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes, Guid.NewGuid()));
    }
}

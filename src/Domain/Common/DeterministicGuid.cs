using System.Security.Cryptography;
using System.Text;

namespace Sora.Domain.Common;

/// <summary>
/// Name-based ids (RFC 9562 version 8 layout over SHA-256). Used where a stream must be addressable from
/// its participants alone, e.g. the one relationship stream between two accounts, so that concurrent
/// writers meet on the same stream and optimistic concurrency serialises them.
/// </summary>
public static class DeterministicGuid
{
    public static Guid From(string scope, params Guid[] parts)
    {
        var text = new StringBuilder(scope);
        foreach (var part in parts) text.Append('|').Append(part.ToString("N"));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        var bytes = hash[..16].ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}

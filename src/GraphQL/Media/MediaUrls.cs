using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sora.GraphQL.Composition;

namespace Sora.GraphQL.Media;

/// <summary>
/// Media URLs for players and image tags, which cannot send a bearer token: <c>/media/{id}?v=viewer&amp;e=expiry&amp;s=sig</c>,
/// an HMAC over (id, viewer, expiry) with a key derived from the token signing key. A URL only proves who asked
/// and until when; the right to see the media is checked again on every request (a revocation wins at once).
/// </summary>
public sealed class MediaUrls(IOptions<SoraOptions> options, TimeProvider clock)
{
    private readonly byte[] _key = HMACSHA256.HashData(Convert.FromBase64String(options.Value.Auth.SigningKey ?? ""), "sora-media-url"u8);

    public string For(string id, Guid? viewer)
    {
        var expires = clock.GetUtcNow().AddMinutes(options.Value.Media.UrlLifetimeMinutes).ToUnixTimeSeconds();
        var who = viewer?.ToString("N") ?? "anon";
        return $"/media/{id}?v={who}&e={expires}&s={Sign(id, who, expires)}";
    }

    /// <summary>
    /// A signed link to <paramref name="path"/> for one account, valid for <paramref name="lifetime"/> (sealed evidence:
    /// minutes, not the media default), over the same (id, viewer, expiry) signature that <see cref="TryRead"/> checks.
    /// </summary>
    public (string Url, DateTimeOffset ExpiresAt) ForAccount(string path, string id, Guid viewer, TimeSpan lifetime)
    {
        var expiresAt = clock.GetUtcNow().Add(lifetime);
        var expires = expiresAt.ToUnixTimeSeconds();
        var who = viewer.ToString("N");
        return ($"{path}?v={who}&e={expires}&s={Sign(id, who, expires)}", DateTimeOffset.FromUnixTimeSeconds(expires));
    }

    /// <summary>The viewer the URL was issued to (null: anonymous), or false when it is forged or expired.</summary>
    public bool TryRead(string id, string? who, string? expires, string? signature, out Guid? viewer)
    {
        viewer = null;
        if (who is null || !long.TryParse(expires, out var e) || signature is null) return false;
        if (e < clock.GetUtcNow().ToUnixTimeSeconds()) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(id, who, e));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature))) return false;
        if (who == "anon") return true;
        if (!Guid.TryParseExact(who, "N", out var account)) return false;
        viewer = account;
        return true;
    }

    private string Sign(string id, string who, long expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{id}|{who}|{expires}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

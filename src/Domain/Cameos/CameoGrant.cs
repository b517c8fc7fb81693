namespace Sora.Domain.Cameos;

/// <summary>A named account's right to use a cameo, optionally until a time and for a number of uses.</summary>
public sealed record CameoGrant(Guid GrantId, Guid GranteeId, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, int? MaxUses, int Uses, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now >= expiry;
    public bool IsExhausted => MaxUses is { } max && Uses >= max;
    public bool IsValid(DateTimeOffset now) => !IsRevoked && !IsExpired(now) && !IsExhausted;
}

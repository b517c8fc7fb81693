using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Sora.GraphQL.Composition;

namespace Sora.GraphQL.Auth;

/// <summary>A validated token: either one this host issued (Subject = account id) or an external one.</summary>
public sealed record ValidatedToken(bool External, string Issuer, string Subject);

/// <summary>
/// Issues this host's tokens (HS256, short claims: sub, handle, jti) and validates both kinds. External tokens
/// are checked against the configured issuer and audience, with keys from its OIDC discovery document or from
/// a configured PEM public key.
/// </summary>
public sealed class TokenService
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _local;
    private readonly TokenValidationParameters? _external;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _discovery;
    private readonly SigningCredentials _signing;

    public TokenService(IOptions<SoraOptions> options, TimeProvider clock)
    {
        _options = options.Value.Auth;
        _clock = clock;
        var key = Convert.FromBase64String(_options.SigningKey
            ?? throw new InvalidOperationException("Sora:Auth:SigningKey is not set (./sora up generates one in .sora/keys.env)."));
        if (key.Length < 32) throw new InvalidOperationException("Sora:Auth:SigningKey must be at least 32 bytes.");
        var securityKey = new SymmetricSecurityKey(key);
        _signing = new SigningCredentials(securityKey, SecurityAlgorithms.HmacSha256);
        _local = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = securityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            // Tokens are issued on the host's clock (TimeProvider), so they are judged on it too, not on the machine's.
            LifetimeValidator = (notBefore, expires, _, p) => WithinLifetime(notBefore, expires, p.ClockSkew),
        };

        var ext = _options.External;
        if (!ext.Enabled) return;
        _external = new TokenValidationParameters
        {
            ValidIssuer = ext.Issuer,
            ValidAudience = ext.Audience,
            ValidateAudience = !string.IsNullOrWhiteSpace(ext.Audience),
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (notBefore, expires, _, p) => WithinLifetime(notBefore, expires, p.ClockSkew),
        };
        if (!string.IsNullOrWhiteSpace(ext.SigningKeyPem))
            _external.IssuerSigningKey = PemKey(ext.SigningKeyPem);
        else if (!string.IsNullOrWhiteSpace(ext.Authority))
            _discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
                ext.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
                new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = true });
        else
            throw new InvalidOperationException("Sora:Auth:External needs an Authority or a SigningKeyPem.");
    }

    public string Issue(Guid accountId, string handle)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(_options.TokenLifetimeMinutes),
            SigningCredentials = _signing,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, accountId.ToString()),
                new Claim("handle", handle),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
        });
    }

    /// <summary>Returns the validated token, or null with the reason in <paramref name="failure"/>.</summary>
    public async Task<(ValidatedToken? Token, string? Failure)> ValidateAsync(string token, CancellationToken ct)
    {
        if (!_handler.CanReadToken(token)) return (null, "The token is not a JWT.");
        var unverified = _handler.ReadJsonWebToken(token);

        if (unverified.Issuer == _options.Issuer)
        {
            var local = await _handler.ValidateTokenAsync(token, _local);
            return local.IsValid && Sub(local) is { } sub
                ? (new ValidatedToken(false, _options.Issuer, sub), null)
                : (null, "The token is invalid or expired.");
        }

        if (_external is null || unverified.Issuer != _options.External.Issuer)
            return (null, "The token's issuer is not trusted.");

        var parameters = _external.Clone();
        if (_discovery is not null)
            parameters.IssuerSigningKeys = (await _discovery.GetConfigurationAsync(ct)).SigningKeys;
        var external = await _handler.ValidateTokenAsync(token, parameters);
        return external.IsValid && Sub(external) is { } subject
            ? (new ValidatedToken(true, _options.External.Issuer!, subject), null)
            : (null, "The external token is invalid or expired.");
    }

    /// <summary>Not before its start and not after its expiry (an expiry is required), give or take the skew.</summary>
    private bool WithinLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return expires is { } end && now <= end.ToUniversalTime() + skew && (notBefore is not { } start || now >= start.ToUniversalTime() - skew);
    }

    private static string? Sub(TokenValidationResult result) =>
        result.Claims.TryGetValue(JwtRegisteredClaimNames.Sub, out var sub) ? sub as string : null;

    /// <summary>A PEM public key (SubjectPublicKeyInfo), EC or RSA.</summary>
    private static SecurityKey PemKey(string pem)
    {
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
        catch (CryptographicException)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
    }
}

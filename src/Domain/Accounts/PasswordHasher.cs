using System.Security.Cryptography;
using System.Text;

namespace Sora.Domain.Accounts;

/// <summary>
/// PBKDF2-HMAC-SHA256 (NIST SP 800-132) with a random 16-byte salt. The stored form carries its own iteration
/// count, so raising <see cref="Iterations"/> later keeps old hashes verifiable.
/// Format: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).
/// </summary>
public sealed class PasswordHasher(int iterations = PasswordHasher.DefaultIterations)
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;
    public const int MinimumLength = 10;
    public const int MaximumLength = 128;

    public int Iterations { get; } = iterations;

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Returns null when the password is acceptable (NIST 800-63B: length over composition rules).</summary>
    public static string? Problem(string password, string handle)
    {
        if (password.Length < MinimumLength) return $"Use at least {MinimumLength} characters.";
        if (password.Length > MaximumLength) return $"Use at most {MaximumLength} characters.";
        if (password.Contains(handle, StringComparison.OrdinalIgnoreCase)) return "The password must not contain the handle.";
        return null;
    }
}

using System.Text.RegularExpressions;

namespace Sora.Domain.Accounts;

/// <summary>Handle rules: 3-30 chars of a-z, 0-9, '_' and '.', compared case-insensitively.</summary>
public static partial class Handles
{
    // Names that would let someone impersonate the service or its staff.
    private static readonly HashSet<string> Reserved =
        ["admin", "administrator", "sora", "support", "moderator", "mod", "root", "system", "help", "official"];

    [GeneratedRegex("^[a-z0-9][a-z0-9_.]{1,28}[a-z0-9_]$")]
    private static partial Regex Shape();

    public static string Normalize(string handle) => handle.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>Returns null when the (normalized) handle is acceptable, or the reason it is not.</summary>
    public static string? Problem(string normalized)
    {
        if (!Shape().IsMatch(normalized) || normalized.Contains(".."))
            return "A handle is 3-30 characters: letters, digits, '_' and '.', starting with a letter or digit.";
        return Reserved.Contains(normalized) ? "That handle is reserved." : null;
    }
}

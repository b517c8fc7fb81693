using GraphQL;
using Sora.Domain.Common;

namespace Sora.GraphQL.Schema.Common;

/// <summary>An error that is not a user error: it travels in "errors" with extensions.code.</summary>
public sealed class SoraError : ExecutionError
{
    public SoraError(string code, string message) : base(message) => Code = code;

    public static SoraError Unauthenticated() => new(ErrorCodes.Unauthenticated, "Sign in first.");
    public static SoraError Forbidden(string message = "You may not do that.") => new(ErrorCodes.Forbidden, message);
    public static SoraError NotFound(string what = "That") => new(ErrorCodes.NotFound, $"{what} was not found.");
    public static SoraError BadInput(string message) => new(ErrorCodes.BadUserInput, message);

    /// <summary>More extensions for the client (for ACCOUNT_RESTRICTED: until when, and whether it is a ban).</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }

    /// <summary>For RATE_LIMITED: when to try again (extensions.retryAfterSeconds, and Retry-After over HTTP).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static SoraError RateLimited(TimeSpan wait) =>
        new("RATE_LIMITED", $"Too many attempts; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.")
            { RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) };
}

/// <summary>
/// The one rule for refusals: rights and existence (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND) become errors with
/// extensions.code; everything else is a user error in the mutation payload, for the form to show.
/// </summary>
public static class Refusals
{
    private static readonly HashSet<string> TopLevel = [ErrorCodes.Unauthenticated, ErrorCodes.Forbidden, ErrorCodes.NotFound];

    public static IReadOnlyList<Refusal> ToUserErrors(Refusal? refusal)
    {
        if (refusal is null) return [];
        if (TopLevel.Contains(refusal.Code)) throw new SoraError(refusal.Code, refusal.Message);
        return [refusal];
    }
}

namespace Sora.Domain.Common;

/// <summary>
/// The codes every feature shares. Transport-level codes (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, BAD_USER_INPUT)
/// travel in <c>extensions.code</c> where the convention puts them; a feature's own codes live in its folder
/// (<c>AccountErrors</c>, <c>GenerationRules</c>, …) and are listed by its feature class for the schema.
/// </summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string Conflict = "CONFLICT";

    public const string CannotTargetSelf = "CANNOT_TARGET_SELF";
    public const string Blocked = "BLOCKED";
}

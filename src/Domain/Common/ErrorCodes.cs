namespace Sora.Domain.Common;

/// <summary>
/// Error codes shared by deciders and the GraphQL layer. Transport-level codes (UNAUTHENTICATED, FORBIDDEN,
/// NOT_FOUND, BAD_USER_INPUT) travel in <c>extensions.code</c>; the rest are user-error codes in payloads.
/// </summary>
public static class ErrorCodes
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string Conflict = "CONFLICT";

    public const string InvalidHandle = "INVALID_HANDLE";
    public const string HandleTaken = "HANDLE_TAKEN";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string WeakPassword = "WEAK_PASSWORD";
    public const string InvalidBirthDate = "INVALID_BIRTH_DATE";
    public const string TooYoung = "TOO_YOUNG";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidProfile = "INVALID_PROFILE";
    public const string CannotTargetSelf = "CANNOT_TARGET_SELF";
    public const string AlreadyFollowing = "ALREADY_FOLLOWING";
    public const string NotFollowing = "NOT_FOLLOWING";
    public const string AlreadyBlocked = "ALREADY_BLOCKED";
    public const string NotBlocked = "NOT_BLOCKED";
    public const string Blocked = "BLOCKED";
    public const string RoleAlreadyHeld = "ROLE_ALREADY_HELD";
    public const string RoleNotHeld = "ROLE_NOT_HELD";
    public const string ExternalIdentityTaken = "EXTERNAL_IDENTITY_TAKEN";
    /// <summary>A second signIn or signUp in one request (each costs a password hash).</summary>
    public const string TooManyCredentialChecks = "TOO_MANY_CREDENTIAL_CHECKS";
}

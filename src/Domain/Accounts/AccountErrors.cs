namespace Sora.Domain.Accounts;

/// <summary>The accounts feature's user-error codes (sign-up, sign-in, profile, roles).</summary>
public static class AccountErrors
{
    public const string InvalidHandle = "INVALID_HANDLE";
    public const string HandleTaken = "HANDLE_TAKEN";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string WeakPassword = "WEAK_PASSWORD";
    public const string InvalidBirthDate = "INVALID_BIRTH_DATE";
    public const string TooYoung = "TOO_YOUNG";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidProfile = "INVALID_PROFILE";
    public const string RoleAlreadyHeld = "ROLE_ALREADY_HELD";
    public const string RoleNotHeld = "ROLE_NOT_HELD";
    public const string ExternalIdentityTaken = "EXTERNAL_IDENTITY_TAKEN";
    /// <summary>A second signIn or signUp in one request (each costs a password hash).</summary>
    public const string TooManyCredentialChecks = "TOO_MANY_CREDENTIAL_CHECKS";

    public static readonly string[] All =
    [
        InvalidHandle, HandleTaken, InvalidEmail, EmailTaken, WeakPassword, InvalidBirthDate, TooYoung, InvalidCredentials, InvalidProfile,
        RoleAlreadyHeld, RoleNotHeld, ExternalIdentityTaken, TooManyCredentialChecks,
    ];
}

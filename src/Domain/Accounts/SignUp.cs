using System.Net.Mail;
using Marten;
using JasperFx;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Accounts;

/// <summary>An external identity a new account is created for (OIDC issuer and subject of a validated token).</summary>
public sealed record ExternalIdentity(string Issuer, string Subject);

/// <summary>
/// Creates an account. Either a password or an already validated external identity must be given.
/// </summary>
public sealed record SignUp(
    Guid AccountId,
    string Handle,
    string Email,
    string? Password,
    DateOnly BirthDate,
    ExternalIdentity? External = null);

public static class SignUpDecider
{
    public static Decision<object> Decide(SignUp command, DateTimeOffset now, bool bootstrapAdmin = false)
    {
        var handle = Handles.Normalize(command.Handle);
        if (Handles.Problem(handle) is { } handleProblem)
            return Decision<object>.Refuse(AccountErrors.InvalidHandle, handleProblem, "handle");

        if (!IsEmail(command.Email))
            return Decision<object>.Refuse(AccountErrors.InvalidEmail, "That is not a valid email address.", "email");

        if (command.External is null)
        {
            if (command.Password is null)
                return Decision<object>.Refuse(AccountErrors.WeakPassword, "A password is required.", "password");
            if (PasswordHasher.Problem(command.Password, handle) is { } passwordProblem)
                return Decision<object>.Refuse(AccountErrors.WeakPassword, passwordProblem, "password");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (command.BirthDate > today || command.BirthDate < today.AddYears(-120))
            return Decision<object>.Refuse(AccountErrors.InvalidBirthDate, "The birth date is not plausible.", "birthDate");
        if (Age.YearsOn(command.BirthDate, today) < Age.MinimumAge)
            return Decision<object>.Refuse(AccountErrors.TooYoung, $"Sora is for people aged {Age.MinimumAge} and over.", "birthDate");

        var events = new List<object> { new AccountRegistered(command.AccountId, handle, now) };
        if (command.External is { } external)
            events.Add(new ExternalIdentityLinked(command.AccountId, external.Issuer, now));
        if (bootstrapAdmin)
            events.Add(new RoleGranted(command.AccountId, AccountRole.Admin, command.AccountId, now));
        return new Decision<object>(events, null);
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static bool IsEmail(string email) =>
        email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim()
        && parsed.Host.Contains('.');
}

/// <summary>
/// Wolverine handler. Uniqueness of handle, email and external identity rests on document ids: the claims are
/// inserted in the same transaction as the stream, so of two concurrent sign-ups for one handle exactly one
/// commits. The pre-checks only give the common case a friendlier, cheaper answer.
/// </summary>
public static class SignUpHandler
{
    public const string PersonalDataKind = "account";

    public static async Task<CommandResult> Handle(
        SignUp command, IDocumentSession session, PersonalDataVault vault, PasswordHasher hasher,
        AccountPolicy policy, TimeProvider clock, CancellationToken ct)
    {
        var decision = SignUpDecider.Decide(command, clock.GetUtcNow(), policy.IsBootstrapAdmin(Handles.Normalize(command.Handle)));
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);

        var handle = Handles.Normalize(command.Handle);
        var email = SignUpDecider.NormalizeEmail(command.Email);
        var emailKey = vault.LookupHash("email", email);
        var externalKey = command.External is { } ext ? vault.LookupHash("external", $"{ext.Issuer}|{ext.Subject}") : null;

        if (await session.LoadAsync<HandleClaim>(handle, ct) is not null) return HandleTaken();
        if (await session.LoadAsync<EmailClaim>(emailKey, ct) is not null) return EmailTaken();
        if (externalKey is not null && await session.LoadAsync<ExternalLogin>(externalKey, ct) is not null) return ExternalTaken();

        session.Insert(new HandleClaim { Id = handle, AccountId = command.AccountId });
        session.Insert(new EmailClaim { Id = emailKey, AccountId = command.AccountId });
        if (command.Password is { } password)
            session.Store(new AccountCredential { Id = command.AccountId, PasswordHash = hasher.Hash(password) });
        if (externalKey is not null)
            session.Insert(new ExternalLogin { Id = externalKey, AccountId = command.AccountId, Issuer = command.External!.Issuer });
        await vault.SealAsync(session, command.AccountId, PersonalDataKind,
            new AccountPersonalData(email, command.BirthDate, null, null), ct);
        session.Events.StartStream<Account>(command.AccountId, decision.Events.ToArray());

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException e) when (e.DocumentType == typeof(HandleClaim))
        {
            return HandleTaken();
        }
        catch (DocumentAlreadyExistsException e) when (e.DocumentType == typeof(EmailClaim))
        {
            return EmailTaken();
        }
        catch (DocumentAlreadyExistsException e) when (e.DocumentType == typeof(ExternalLogin))
        {
            return ExternalTaken();
        }
        return CommandResult.Ok(command.AccountId);
    }

    private static CommandResult HandleTaken() =>
        CommandResult.No(new Refusal(AccountErrors.HandleTaken, "That handle is taken.", "handle"));

    private static CommandResult EmailTaken() =>
        CommandResult.No(new Refusal(AccountErrors.EmailTaken, "An account with that email exists.", "email"));

    private static CommandResult ExternalTaken() =>
        CommandResult.No(new Refusal(AccountErrors.ExternalIdentityTaken, "That external identity already has an account."));
}

using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Accounts;

public static class AccountMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AuthPayloadType>>("signUp")
            .Description("Creates an account and signs it in. Anyone may call it; a signed-in account may not.")
            .Argument<NonNullGraphType<SignUpInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var viewer = ctx.Viewer();
                if (viewer.IsSignedIn) throw SoraError.Forbidden("You are signed in already.");
                if (ctx.Sora().ClaimCredentialCheck() is { } once) return await AuthResultAsync(ctx, CommandResult.No(once));
                if (ctx.Service<CredentialThrottle>().SignUpByAddress(ClientAddress(ctx)) is { } wait) throw SoraError.RateLimited(wait);
                var input = ctx.GetArgument<SignUpInput>("input");
                var result = await ctx.SendAsync<CommandResult>(new SignUp(
                    Guid.CreateVersion7(), input.Handle, input.Email, input.Password, input.BirthDate, viewer.UnlinkedExternal));
                return await AuthResultAsync(ctx, result);
            });

        mutation.Field<NonNullGraphType<AuthPayloadType>>("signIn")
            .Description("Exchanges a handle or email and a password for a bearer token.")
            .Argument<NonNullGraphType<SignInInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SignInInput>("input");
                if (ctx.Sora().ClaimCredentialCheck() is { } once) return await AuthResultAsync(ctx, CommandResult.No(once));
                var throttle = ctx.Service<CredentialThrottle>();
                if (throttle.SignInByAddress(ClientAddress(ctx)) is { } busy) throw SoraError.RateLimited(busy);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var account = await SignIn.ResolveLoginAsync(session, ctx.Service<PersonalDataVault>(), input.Login, ctx.CancellationToken);
                var key = CredentialThrottle.KeyOf(account, input.Login);
                // While an account waits out its delay, no password is checked for it, not even the right one. The
                // attempt counts as a failure from here on, so concurrent guesses are counted before they are hashed.
                if (throttle.BeginSignIn(key) is { } wait) throw SoraError.RateLimited(wait);
                var result = await SignIn.VerifyResolvedAsync(session, account, input.Password, ctx.CancellationToken);
                if (result.Refusal is null) throttle.Succeeded(key);
                return await AuthResultAsync(ctx, result);
            });

        mutation.Field<NonNullGraphType<AccountPayloadType>>("updateProfile")
            .Description("Changes display name and bio. The account itself or an admin.")
            .Argument<NonNullGraphType<UpdateProfileInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<UpdateProfileInput>("input");
                var target = input.AccountId is null ? actor.AccountId : ResolveContextExtensions.ParseId(input.AccountId, "accountId");
                var result = await ctx.SendAsync<CommandResult>(new UpdateProfile(actor, target, input.DisplayName, input.Bio));
                return await AccountChangeAsync(ctx, target, result);
            });

        mutation.Field<NonNullGraphType<AccountPayloadType>>("grantRole")
            .Description("Admins only.")
            .Argument<NonNullGraphType<ChangeRoleInputType>>("input")
            .ResolveAsync(ctx => ChangeRoleAsync(ctx, grant: true));

        mutation.Field<NonNullGraphType<AccountPayloadType>>("revokeRole")
            .Description("Admins only. An admin cannot revoke their own admin role.")
            .Argument<NonNullGraphType<ChangeRoleInputType>>("input")
            .ResolveAsync(ctx => ChangeRoleAsync(ctx, grant: false));
    }

    /// <summary>The client's address as the trusted-proxy rules see it (null over a transport without one).</summary>
    private static System.Net.IPAddress? ClientAddress(IResolveFieldContext ctx) =>
        ctx.RequestServices?.GetService<Sora.GraphQL.Schema.Feed.ClientRegion>()?.ClientAddress(ctx.RequestServices.GetService<IHttpContextAccessor>()?.HttpContext);

    private static async Task<object?> ChangeRoleAsync(IResolveFieldContext ctx, bool grant)
    {
        var actor = ctx.RequireActor();
        var input = ctx.GetArgument<ChangeRoleInput>("input");
        var target = ResolveContextExtensions.ParseId(input.AccountId, "accountId");
        var result = await ctx.SendAsync<CommandResult>(new ChangeRole(actor, target, input.Role, grant));
        return await AccountChangeAsync(ctx, target, result);
    }

    private static async Task<AuthResult> AuthResultAsync(IResolveFieldContext ctx, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        if (result.Id is not { } id) return new AuthResult(null, null, errors);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var account = await session.LoadAsync<Account>(id, ctx.CancellationToken)
                      ?? throw new InvalidOperationException("A committed account could not be read back.");
        ctx.Sora().AuthenticatedInRequest = account.Id;
        return new AuthResult(account, ctx.Service<TokenService>().Issue(account.Id, account.Handle), []);
    }

    private static async Task<AccountChange> AccountChangeAsync(IResolveFieldContext ctx, Guid accountId, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        return new AccountChange(await session.LoadAsync<Account>(accountId, ctx.CancellationToken), errors);
    }
}

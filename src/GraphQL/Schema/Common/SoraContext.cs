using Sora.Domain.Accounts;
using GraphQL;
using Sora.Domain.Common;
using Sora.GraphQL.Auth;
using Wolverine;

namespace Sora.GraphQL.Schema.Common;

/// <summary>Per-operation state every resolver can reach: the viewer, the loaders and the correlation id.</summary>
public sealed class SoraContext : Dictionary<string, object?>
{
    public required Viewer Viewer { get; init; }
    public required RequestLoaders Loaders { get; init; }
    public required string CorrelationId { get; init; }

    /// <summary>An account that signUp/signIn authenticated in this very request: it may read its own private
    /// fields in the payload although the request itself came in anonymous.</summary>
    public Guid? AuthenticatedInRequest { get; set; }

    private int _credentialChecks;

    /// <summary>
    /// One password check per request: aliases of signIn (or signUp) would otherwise multiply PBKDF2's cost (about
    /// 0.35 s of CPU each) inside one request that the cost limit prices as cheap.
    /// </summary>
    /// <returns>Null for the first check of the request; for any further one, the refusal its payload carries.</returns>
    public Refusal? ClaimCredentialCheck() =>
        Interlocked.Increment(ref _credentialChecks) > 1 ? new Refusal(AccountErrors.TooManyCredentialChecks, "One sign-in or sign-up per request.") : null;
}

public static class ResolveContextExtensions
{
    public static SoraContext Sora(this IResolveFieldContext context) => (SoraContext)context.UserContext;

    public static Viewer Viewer(this IResolveFieldContext context) => context.Sora().Viewer;

    /// <summary>The signed-in actor, or an UNAUTHENTICATED error.</summary>
    public static Actor RequireActor(this IResolveFieldContext context) =>
        context.Sora().Viewer.Actor ?? throw SoraError.Unauthenticated();

    public static T Service<T>(this IResolveFieldContext context) where T : notnull =>
        context.RequestServices!.GetRequiredService<T>();

    /// <summary>
    /// Sends a command to its Wolverine handler and waits for the answer. The request's correlation id and the
    /// acting account ride along and end up in the events' metadata.
    /// </summary>
    public static async Task<TResult> SendAsync<TResult>(this IResolveFieldContext context, object command)
    {
        // IMessageContext is the scoped bus; setting these here is what makes Marten stamp them on events.
        var bus = context.Service<IMessageContext>();
        bus.CorrelationId = context.Sora().CorrelationId;
        bus.UserName = context.Sora().Viewer.AccountId?.ToString();
        return await bus.InvokeAsync<TResult>(command, context.CancellationToken);
    }

    public static Guid IdArgument(this IResolveFieldContext context, string name) =>
        Guid.TryParse(context.GetArgument<string>(name), out var id) ? id : throw SoraError.BadInput($"'{name}' is not a valid id.");

    public static Guid ParseId(string? value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw SoraError.BadInput($"'{field}' is not a valid id.");
}

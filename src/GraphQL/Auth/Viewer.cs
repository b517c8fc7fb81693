using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.GraphQL.Auth;

/// <summary>
/// Who is calling. Anonymous, a signed-in account (<see cref="Actor"/>), or a valid external identity that is
/// not linked to an account yet (it may call signUp to create one).
/// </summary>
public sealed record Viewer(Actor? Actor, ExternalIdentity? UnlinkedExternal, Account? Account)
{
    public static readonly Viewer Anonymous = new(null, null, null);

    public bool IsSignedIn => Actor is not null;
    public Guid? AccountId => Actor?.AccountId;
}

/// <summary>The outcome of reading credentials: a viewer, or a reason the credentials were rejected.</summary>
public sealed record Authentication(Viewer Viewer, string? Failure)
{
    public static Authentication Ok(Viewer viewer) => new(viewer, null);
    public static Authentication Fail(string reason) => new(Viewer.Anonymous, reason);
}

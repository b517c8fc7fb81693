using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Parental;

public sealed class ParentalFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => ParentalErrors.All;

    public void Configure(StoreOptions opts)
    {
        ParentalEventTypes.Register(opts);
        // Inline: the feed, messages, search and cameo decisions read a teen's controls in their own transaction.
        // The GIN index answers "which teens is this parent linked to" (Parents @> [id]).
        opts.Projections.Snapshot<Guardianship>(SnapshotLifecycle.Inline);
        opts.Schema.For<Guardianship>().GinIndexJsonData();
    }
}

public static class ParentalErrors
{
    /// <summary>The account is not a teen (13 to 17) or the inviter is not an adult.</summary>
    public const string NotEligible = "NOT_ELIGIBLE";
    /// <summary>The teen already has two linked parents.</summary>
    public const string TooManyParents = "TOO_MANY_PARENTS";
    /// <summary>The teen has too many pending invites, or this parent already invited or is linked.</summary>
    public const string AlreadyInvited = "ALREADY_INVITED";
    /// <summary>The parent is already linked to, or inviting, the most teens one parent may have.</summary>
    public const string TooManyTeens = "TOO_MANY_TEENS";
    /// <summary>A teen's cameo cannot be open to everyone.</summary>
    public const string TeenAudience = "TEEN_AUDIENCE";
    /// <summary>Too many of a teen's cameo changes wait for a parent.</summary>
    public const string TooManyPendingChanges = "TOO_MANY_PENDING_CHANGES";
    /// <summary>A linked parent set this control; the teen cannot change it.</summary>
    public const string SetByParent = "SET_BY_PARENT";

    public static readonly string[] All = [NotEligible, TooManyParents, TooManyTeens, AlreadyInvited, SetByParent, TeenAudience, TooManyPendingChanges];
}

using System.Globalization;
using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Parental;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Parental;

public sealed class DirectMessagePolicyType : EnumerationGraphType<DirectMessagePolicy>
{
    public DirectMessagePolicyType()
    {
        Name = "DirectMessagePolicy";
        Description = "Who may message the teen (and whom the teen may message): NOBODY, MUTUALS, or FOLLOWING (everyone the teen follows).";
    }
}

public sealed class QuietHoursType : ObjectGraphType<QuietHours>
{
    public QuietHoursType()
    {
        Name = "QuietHours";
        Description = "A daily window, local to timeZone, in which the feed is closed and the teen cannot send messages.";
        Field<NonNullGraphType<StringGraphType>>("start").Description("HH:mm, local.").Resolve(ctx => ctx.Source.Start.ToString("HH:mm", CultureInfo.InvariantCulture));
        Field<NonNullGraphType<StringGraphType>>("end").Description("HH:mm, local; before start spans midnight.")
            .Resolve(ctx => ctx.Source.End.ToString("HH:mm", CultureInfo.InvariantCulture));
        Field(x => x.TimeZone).Description("An IANA time zone id, such as Europe/Paris.");
    }
}

public sealed class QuietHoursInputType : InputObjectGraphType
{
    public QuietHoursInputType()
    {
        Name = "QuietHoursInput";
        Field<NonNullGraphType<StringGraphType>>("start").Description("HH:mm, local.");
        Field<NonNullGraphType<StringGraphType>>("end").Description("HH:mm, local; before start spans midnight (22:00 to 07:00).");
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("An IANA time zone id, such as Europe/Paris.");
    }

    public static QuietHours Parse(IDictionary<string, object?> input) =>
        new(Time(input["start"], "start"), Time(input["end"], "end"), (string)input["timeZone"]!);

    private static TimeOnly Time(object? value, string field) =>
        TimeOnly.TryParseExact(value as string, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw SoraError.BadInput($"quietHours.{field} must be HH:mm.");
}

public sealed class ParentalControlsType : ObjectGraphType<ParentalControls>
{
    public ParentalControlsType()
    {
        Name = "ParentalControls";
        Description = "What linked parents set for a teen; null means not set (the teen's own setting applies). Enforced by the server (docs/parental.md).";
        Field(x => x.DailyItemCap, nullable: true).Description("Feed items per UTC day.");
        Field(x => x.DailyMinuteCap, nullable: true).Description("Minutes watched per UTC day, as views report them.");
        Field(x => x.PersonalizationOff).Description("The For You feed uses recency and popularity only.");
        Field(x => x.SessionPageLimit, nullable: true).Description("Continuous scroll off: a feed session ends after this many pages.");
        Field<QuietHoursType>("quietHours").Resolve(ctx => ctx.Source.QuietHours);
        Field<DirectMessagePolicyType>("directMessages").Description("Null: the teen defaults apply (no messages from adults the teen does not follow).")
            .Resolve(ctx => ctx.Source.DirectMessages);
    }
}

/// <summary>A parent or a teen at the other end of one of the viewer's links, with the teen's controls.</summary>
public sealed record FamilyLink(Guid AccountId, ParentalControls Controls, DateTimeOffset Since, bool IsTeen);

public sealed class FamilyLinkType : ObjectGraphType<FamilyLink>
{
    public FamilyLinkType()
    {
        Name = "FamilyLink";
        Field<AccountType>("account").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.AccountId));
        Field<NonNullGraphType<ParentalControlsType>>("controls").Description("The teen's controls (the same on both ends of a link).")
            .Resolve(ctx => ctx.Source.Controls);
        Field(x => x.Since).Description("When the link's stream last changed.");
        Field<Cameos.CameoType>("cameo").Description("In family.teens: the teen's cameo, its uses and pending changes (null in family.parents).")
            .ResolveAsync(async ctx =>
            {
                if (!ctx.Source.IsTeen || ctx.Viewer().AccountId is not { } parent) return null;
                await using var session = ctx.Service<Marten.IDocumentStore>().QuerySession();
                // The same rule as cameo(id): the parent's view of the likeness ends on the teen's 18th birthday.
                if (!await TeenLikeness.IsParentOfAsync(session, ctx.Service<Sora.Domain.Privacy.PersonalDataVault>(), parent, ctx.Source.AccountId,
                        FamilyQueries.Today(ctx), ctx.CancellationToken))
                    return null;
                return await Marten.QueryableExtensions.FirstOrDefaultAsync(session.Query<Sora.Domain.Cameos.Cameo>()
                    .Where(c => c.OwnerId == ctx.Source.AccountId && c.Status != Sora.Domain.Cameos.CameoStatus.Deleted)
                    .OrderByDescending(c => c.CreatedAt), ctx.CancellationToken);
            });
    }
}

public sealed record ParentInvite(Guid Id, Guid ParentId, Guid TeenId, DateTimeOffset At);

public sealed class ParentInviteType : ObjectGraphType<ParentInvite>
{
    public ParentInviteType()
    {
        Name = "ParentInvite";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<AccountType>("parent").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ParentId));
        Field<AccountType>("teen").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.TeenId));
        Field(x => x.At);
    }
}

/// <summary>The viewer's family: its parents (as a teen), its teens (as a parent), pending invites both ways.</summary>
public sealed record Family(IReadOnlyList<FamilyLink> Parents, IReadOnlyList<FamilyLink> Teens, IReadOnlyList<ParentInvite> InvitesReceived,
    IReadOnlyList<ParentInvite> InvitesSent, ParentalControls Controls);

public sealed class FamilyType : ObjectGraphType<Family>
{
    public FamilyType()
    {
        Name = "Family";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FamilyLinkType>>>>("parents")
            .Description($"Your linked parents (at most {Guardianship.MaxParents}).").Resolve(ctx => ctx.Source.Parents);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FamilyLinkType>>>>("teens")
            .Description($"The teens you are linked to as a parent (at most {Guardianship.MaxTeensPerParent}).").Resolve(ctx => ctx.Source.Teens);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParentInviteType>>>>("invitesReceived")
            .Description($"Parents asking to link with you (at most {Guardianship.MaxPendingInvites}).").Resolve(ctx => ctx.Source.InvitesReceived);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ParentInviteType>>>>("invitesSent")
            .Description($"Your pending invites to teens (they count toward the {Guardianship.MaxTeensPerParent}).").Resolve(ctx => ctx.Source.InvitesSent);
        Field<NonNullGraphType<ParentalControlsType>>("controls").Description("The controls in force on you (none unless you are a linked teen).")
            .Resolve(ctx => ctx.Source.Controls);
    }
}

/// <summary>The answer of the link mutations: the viewer's family after the change, the invite made, or user errors.</summary>
public sealed record FamilyChange(Family? Family, Guid? InviteId, IReadOnlyList<Refusal> Errors);

public sealed class FamilyPayloadType : ObjectGraphType<FamilyChange>
{
    public FamilyPayloadType()
    {
        Name = "FamilyPayload";
        Field<FamilyType>("family").Description("Your family after the change.").Resolve(ctx => ctx.Source.Family);
        Field<IdGraphType>("inviteId").Description("inviteTeen: the invite made.").Resolve(ctx => ctx.Source.InviteId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class FamilyChangeKindType : EnumerationGraphType<FamilyChangeKind>
{
    public FamilyChangeKindType() => Name = "FamilyChangeKind";
}

public enum FamilyChangeKind
{
    Invited,
    Linked,
    InviteDeclined,
    InviteWithdrawn,
    Unlinked,
    ControlsChanged,
}

/// <summary>One event of a teen's guardianship stream, as the audit view shows it.</summary>
public sealed record FamilyHistoryEntry(long Version, FamilyChangeKind Change, Guid ParentId, Guid By, DateTimeOffset At, string[] Fields,
    ParentalControls? Controls);

public sealed class FamilyHistoryEntryType : ObjectGraphType<FamilyHistoryEntry>
{
    public FamilyHistoryEntryType()
    {
        Name = "FamilyHistoryEntry";
        Field<NonNullGraphType<FamilyChangeKindType>>("change").Resolve(ctx => ctx.Source.Change);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The event's version in the teen's stream.").Resolve(ctx => (int)ctx.Source.Version);
        Field(x => x.At);
        Field<AccountType>("parent").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ParentId));
        Field<AccountType>("by").Description("Who acted.").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.By));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("fields").Description("CONTROLS_CHANGED: which controls.")
            .Resolve(ctx => ctx.Source.Fields);
        Field<ParentalControlsType>("controls").Description("CONTROLS_CHANGED: the controls after the change.").Resolve(ctx => ctx.Source.Controls);
    }
}

public sealed class FamilyHistoryEntryEdgeType() : EdgeType<FamilyHistoryEntryType, FamilyHistoryEntry>("FamilyHistoryEntryEdge");

public sealed class FamilyHistoryConnectionType() : ConnectionType<FamilyHistoryEntryEdgeType, FamilyHistoryEntry>("FamilyHistoryConnection",
    "A teen's guardianship history, oldest first.");

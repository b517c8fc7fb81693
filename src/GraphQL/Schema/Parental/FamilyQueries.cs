using GraphQL;
using GraphQL.Types;
using JasperFx.Events;
using Marten;
using Sora.Domain.Parental;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Parental;

/// <summary>family and familyHistory: each account sees its own links; a teen's history is its own and its parents'.</summary>
public static class FamilyQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<FamilyType>>("family")
            .Description("Your parents and teens, pending invites both ways, and the controls in force on you.")
            .ResolveAsync(async ctx =>
            {
                var me = ctx.RequireActor().AccountId;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await LoadAsync(session, ctx.Service<PersonalDataVault>(), me, Today(ctx), ctx.CancellationToken);
            });

        var history = query.Field<NonNullGraphType<FamilyHistoryConnectionType>>("familyHistory")
            .Description("Every change to a teen's links and controls, oldest first. The teen and its linked parents see all of it; " +
                         "a parent who was invited or linked before sees the changes that name it. NOT_FOUND for anyone else.")
            .Argument<IdGraphType>("teenId", "The teen; defaults to you.");
        history.AddPagingArguments();
        history.ResolveAsync(async ctx =>
            {
                var me = ctx.RequireActor().AccountId;
                var teen = ctx.GetArgument<string?>("teenId") is { } given ? ResolveContextExtensions.ParseId(given, "teenId") : me;
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var events = await session.Events.FetchStreamAsync(Guardianship.StreamFor(teen), token: ctx.CancellationToken);
                var entries = events.Select(Entry).OfType<FamilyHistoryEntry>().ToList();
                var current = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(teen), ctx.CancellationToken);
                var visible = me == teen || current?.IsLinked(me) == true ? entries : entries.Where(e => e.ParentId == me).ToList();
                if (me != teen && visible.Count == 0) throw SoraError.NotFound("The family history");
                return Paging.InMemory(visible, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), e => e.At);
            });
    }

    public static async Task<Family> LoadAsync(IQuerySession session, PersonalDataVault vault, Guid me, DateOnly today, CancellationToken ct)
    {
        var (mine, controls) = await ParentalControlsInForce.ForAsync(session, vault, me, today, ct);
        var asParent = await session.Query<Guardianship>()
            .Where(g => g.Parents.Contains(me) || g.Invites.Any(i => i.ParentId == me))
            .Take(Guardianship.MaxTeensPerParent * 2).ToListAsync(ct);
        return new Family(
            mine?.Parents.Select(p => new FamilyLink(p, mine.Controls, mine.UpdatedAt, IsTeen: false)).ToList() ?? [],
            asParent.Where(g => g.IsLinked(me)).Select(g => new FamilyLink(g.TeenId, g.Controls, g.UpdatedAt, IsTeen: true)).ToList(),
            mine?.Invites.Select(i => new ParentInvite(i.InviteId, i.ParentId, me, i.At)).ToList() ?? [],
            asParent.SelectMany(g => g.Invites.Where(i => i.ParentId == me).Select(i => new ParentInvite(i.InviteId, me, g.TeenId, i.At))).ToList(),
            controls);
    }

    public static DateOnly Today(IResolveFieldContext ctx) => DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime);

    private static FamilyHistoryEntry? Entry(IEvent e) => e.Data switch
    {
        ParentLinkInvited i => new(e.Version, FamilyChangeKind.Invited, i.ParentId, i.ParentId, i.At, [], null),
        ParentLinked l => new(e.Version, FamilyChangeKind.Linked, l.ParentId, l.TeenId, l.At, [], null),
        ParentLinkInviteClosed c => new(e.Version, c.By == c.TeenId ? FamilyChangeKind.InviteDeclined : FamilyChangeKind.InviteWithdrawn,
            c.ParentId, c.By, c.At, [], null),
        ParentUnlinked u => new(e.Version, FamilyChangeKind.Unlinked, u.ParentId, u.By, u.At, [], null),
        ParentalControlsChanged c => new(e.Version, FamilyChangeKind.ControlsChanged, c.ParentId, c.ParentId, c.At, c.Fields, c.Controls),
        _ => null,
    };
}

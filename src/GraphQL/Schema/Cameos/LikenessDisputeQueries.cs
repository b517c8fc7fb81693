using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed class LikenessDisputeStatusType : EnumerationGraphType<LikenessDisputeStatus>
{
    public LikenessDisputeStatusType() => Name = "LikenessDisputeStatus";
}

/// <summary>An account tried to verify a face that another account's likeness already is (DESIGN §4 invariant 6).</summary>
public sealed class LikenessDisputeType : ObjectGraphType<LikenessDispute>
{
    public LikenessDisputeType()
    {
        Name = "LikenessDispute";
        Description = "A refused verification whose face matched another account's verified likeness. Moderators and auditors only.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<LikenessDisputeStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<IdGraphType>>("claimantCameoId").Description("The cameo whose recording was refused.").Resolve(ctx => ctx.Source.ClaimantCameoId);
        Field<AccountType>("claimant").Description("Who recorded the face.").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ClaimantId));
        Field<NonNullGraphType<IdGraphType>>("claimedCameoId").Description("The verified likeness it matched.").Resolve(ctx => ctx.Source.ClaimedCameoId);
        Field<AccountType>("claimedOwner").Description("Whose verified likeness it matched.").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.ClaimedOwnerId));
        Field(x => x.Similarity).Description("Cosine similarity of the two face templates (the match threshold is 0.6).");
        Field(x => x.OpenedAt);
        Moderation.LikenessDisputeFields.Add(this);
    }
}

public sealed class LikenessDisputeEdgeType : ObjectGraphType<Edge<LikenessDispute>>
{
    public LikenessDisputeEdgeType()
    {
        Name = "LikenessDisputeEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<LikenessDisputeType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class LikenessDisputeConnectionType : ObjectGraphType<Connection<LikenessDispute>>
{
    public LikenessDisputeConnectionType()
    {
        Name = "LikenessDisputeConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LikenessDisputeEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

/// <summary>likenessDisputes: the open disputes, newest first, for the moderation queue to resolve and auditors to read.</summary>
public static class LikenessDisputeQueries
{
    public static void Add(ObjectGraphType query)
    {
        var field = query.Field<NonNullGraphType<LikenessDisputeConnectionType>>("likenessDisputes")
            .Description("Disputes over whose face a likeness is, newest first (default: open ones). Moderators and auditors only.")
            .Argument<LikenessDisputeStatusType>("status", "Only disputes in this state (default OPEN).");
        field.AddPagingArguments();
        field.ResolveAsync(async ctx =>
        {
            var actor = ctx.RequireActor();
            if (!actor.Has(AccountRole.Moderator) && !actor.Has(AccountRole.Auditor))
                throw SoraError.Forbidden("Only moderators and auditors can read likeness disputes.");
            var status = ctx.GetArgument<LikenessDisputeStatus?>("status") ?? LikenessDisputeStatus.Open;
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after"));
            var before = after is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<LikenessDispute>().Where(d => d.Status == status && d.OpenedAt < before)
                .OrderByDescending(d => d.OpenedAt).Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<LikenessDispute>.From(rows, first, after is not null, d => d.OpenedAt.UtcTicks, d => d, d => d.OpenedAt);
        });
    }
}

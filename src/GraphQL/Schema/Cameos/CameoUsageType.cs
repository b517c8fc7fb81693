using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed class ConsentRightKindType : EnumerationGraphType<ConsentRightKind>
{
    public ConsentRightKindType() => Name = "ConsentRightKind";
}

public sealed class CameoUsePathType : EnumerationGraphType<CameoUsePath>
{
    public CameoUsePathType()
    {
        Name = "CameoUsePath";
        Description = "How a likeness entered a video: an @mention, a face in the input image or the remix source, or inherited from the remixed video.";
    }
}

public sealed class CameoUsageStatusType : EnumerationGraphType<CameoUsageStatus>
{
    public CameoUsageStatusType() => Name = "CameoUsageStatus";
}

/// <summary>One use of a cameo, the right that allowed it, and whether it still stands.</summary>
public sealed class CameoUsageType : ObjectGraphType<CameoUsage>
{
    public CameoUsageType()
    {
        Name = "CameoUsage";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("cameoId").Resolve(ctx => ctx.Source.CameoId);
        Field<AccountType>("requester").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.RequesterId));
        Field<NonNullGraphType<ConsentRightKindType>>("right").Resolve(ctx => ctx.Source.RightKind);
        Field<IdGraphType>("grantId").Resolve(ctx => ctx.Source.GrantId);
        Field<NonNullGraphType<CameoAudienceType>>("audience").Description("The audience when the use was allowed.").Resolve(ctx => ctx.Source.Audience);
        Field(x => x.AudienceVersion);
        Field(x => x.ReceiptHash).Description("The consent receipt's hash (SHA-256, chained per cameo).");
        Field<NonNullGraphType<CameoUsageStatusType>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.WithdrawnReason, nullable: true).Description(
            "GRANT_REVOKED, BLOCKED, CAMEO_DEACTIVATED, AUDIENCE_NARROWED, CAMEO_DELETED, REMOVED_BY_OWNER, DECLINED_BY_OWNER, or " +
            "SOURCE_WITHDRAWN (the use of the remixed video it descends from was withdrawn).");
        Field<NonNullGraphType<CameoUsePathType>>("path").Description("How the likeness entered the video.").Resolve(ctx => ctx.Source.Path);
        Field<IdGraphType>("sourceVideoId").Description("The remixed video a remix path came through.").Resolve(ctx => ctx.Source.SourceVideoId);
        Field<IdGraphType>("parentUseId").Description("The remixed video's own use this one descends from.").Resolve(ctx => ctx.Source.ParentUseId);
        Field<Generations.VideoType>("video")
            .Description("The video this use is in, as you may see it (the cameo's owner sees drafts too); null when it is gone or was made before videos were linked.")
            .ResolveAsync(async ctx => ctx.Source.GenerationId is { } id ? await Generations.VideoQueries.VisibleAsync(ctx, id) : null);
        Field(x => x.At);
        Field(x => x.WithdrawnAt, nullable: true);
    }
}

public sealed class CameoUsageEdgeType : ObjectGraphType<Edge<CameoUsage>>
{
    public CameoUsageEdgeType()
    {
        Name = "CameoUsageEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<CameoUsageType>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

public sealed class CameoUsageConnectionType : ObjectGraphType<Connection<CameoUsage>>
{
    public CameoUsageConnectionType()
    {
        Name = "CameoUsageConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CameoUsageEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

public static class CameoUsageFields
{
    /// <summary>Cameo.usages: every use of the owner's likeness, newest first, withdrawn ones included.</summary>
    public static void Add(CameoType type)
    {
        var field = type.Field<NonNullGraphType<CameoUsageConnectionType>>("usages")
            .Description("Every use of this likeness, newest first, with the right that allowed it and whether it still stands.");
        field.AddPagingArguments();
        field.ResolveAsync(async ctx =>
        {
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after")) ?? long.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var rows = await session.Query<CameoUsage>().Where(u => u.CameoId == ctx.Source.Id && u.Seq < after)
                .OrderByDescending(u => u.Seq).Take(first + 1).ToListAsync(ctx.CancellationToken);
            return Connection<CameoUsage>.From(rows, first, after != long.MaxValue, u => u.Seq, u => u, u => u.At);
        });
    }
}

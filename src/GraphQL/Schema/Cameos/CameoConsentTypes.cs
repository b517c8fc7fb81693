using GraphQL;
using GraphQL.Types;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Cameos;

public sealed class CameoAudienceType : EnumerationGraphType<CameoAudience>
{
    public CameoAudienceType() => Name = "CameoAudience";
}

public sealed class CameoGrantType : ObjectGraphType<CameoGrant>
{
    public CameoGrantType()
    {
        Name = "CameoGrant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.GrantId);
        Field<AccountType>("grantee").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.GranteeId));
        Field(x => x.GrantedAt);
        Field(x => x.ExpiresAt, nullable: true);
        Field(x => x.MaxUses, nullable: true);
        Field(x => x.Uses);
        Field(x => x.RevokedAt, nullable: true);
        Field<NonNullGraphType<BooleanGraphType>>("valid").Description("Not revoked, not expired, uses left.")
            .Resolve(ctx => ctx.Source.IsValid(ctx.Service<TimeProvider>().GetUtcNow()));
    }
}

public sealed class CameoGrantEdgeType() : EdgeType<CameoGrantType, CameoGrant>("CameoGrantEdge");

public sealed class CameoGrantConnectionType() : ConnectionType<CameoGrantEdgeType, CameoGrant>("CameoGrantConnection");

public sealed record ConsentChangeOutcome(Cameo? Cameo, Guid? GrantId, IReadOnlyList<Sora.Domain.Common.Refusal> Errors);

public sealed class CameoPayloadType : ObjectGraphType<ConsentChangeOutcome>
{
    public CameoPayloadType()
    {
        Name = "CameoPayload";
        Field<CameoType>("cameo").Resolve(ctx => ctx.Source.Cameo);
        Field<IdGraphType>("grantId").Description("The new grant's id (grantCameoAccess). For a teen whose parent must co-sign: the id the grant will have, in pendingChanges until then.").Resolve(ctx => ctx.Source.GrantId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>The consent fields of a cameo, for its owner (the only one who can read a cameo so far).</summary>
public static class CameoConsentFields
{
    public static void Add(CameoType type)
    {
        type.Field<NonNullGraphType<CameoAudienceType>>("audience").Resolve(ctx => ctx.Source.Audience);
        type.Field<NonNullGraphType<IntGraphType>>("audienceVersion").Resolve(ctx => ctx.Source.AudienceVersion);
        var grants = type.Field<NonNullGraphType<CameoGrantConnectionType>>("grants").Description("Every grant, oldest first, ended ones included.");
        grants.AddPagingArguments();
        grants.Resolve(ctx => Paging.InMemory(ctx.Source.Grants, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"), g => g.GrantedAt));
        var blocked = type.Field<NonNullGraphType<AccountConnectionType>>("blocked").Description("Accounts blocked from this cameo, in the order they were blocked.");
        blocked.AddPagingArguments();
        blocked.Resolve(ctx =>
        {
            // A page of ids, then their accounts in one batch; an account that blocks the owner is left out (RequestLoaders).
            var page = Paging.InMemory(ctx.Source.Blocked, ctx.GetArgument<int?>("first"), ctx.GetArgument<string?>("after"));
            return ctx.Sora().Loaders.Accounts.LoadMany(page.Edges.Select(e => e.Node)).Then(accounts =>
            {
                var byId = accounts.ToDictionary(a => a.Id);
                var edges = page.Edges.Where(e => byId.ContainsKey(e.Node)).Select(e => new Edge<Account>(e.Cursor, byId[e.Node], null)).ToList();
                return new Connection<Account>(edges, page.PageInfo with { StartCursor = edges.FirstOrDefault()?.Cursor, EndCursor = page.PageInfo.EndCursor });
            });
        });
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("restrictions").Resolve(ctx => ctx.Source.Restrictions);
        type.Field<NonNullGraphType<BooleanGraphType>>("approvalRequired").Resolve(ctx => ctx.Source.ApprovalRequired);
        type.Field<NonNullGraphType<BooleanGraphType>>("active").Resolve(ctx => ctx.Source.Active);
        type.Field<NonNullGraphType<IntGraphType>>("uses").Description("Uses allowed so far.").Resolve(ctx => ctx.Source.Uses);
    }
}

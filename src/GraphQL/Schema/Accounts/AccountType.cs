using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Social;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Social;

namespace Sora.GraphQL.Schema.Accounts;

public sealed class AccountRoleType : EnumerationGraphType<AccountRole>
{
    public AccountRoleType() => Name = "AccountRole";
}

/// <summary>
/// An account as others see it. Personal fields (email, birth date, teen status, roles) resolve only for the
/// account itself and admins; anyone else gets FORBIDDEN on that field and the rest of the result.
/// </summary>
public sealed class AccountType : ObjectGraphType<Account>
{
    public AccountType()
    {
        Name = "Account";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Handle);
        Field(x => x.CreatedAt);

        Field<StringGraphType>("displayName")
            .Resolve(ctx => ctx.Sora().Loaders.PersonalData.Load(ctx.Source.Id).Then(p => p?.DisplayName));
        Field<StringGraphType>("bio")
            .Resolve(ctx => ctx.Sora().Loaders.PersonalData.Load(ctx.Source.Id).Then(p => p?.Bio));

        Field<StringGraphType>("email").Description("Only for the account itself and admins.")
            .Resolve(ctx => SelfOrAdmin(ctx).PersonalData.Load(ctx.Source.Id).Then(p => p?.Email));
        Field<DateOnlyGraphType>("birthDate").Description("Only for the account itself and admins.")
            .Resolve(ctx => SelfOrAdmin(ctx).PersonalData.Load(ctx.Source.Id).Then(p => p?.BirthDate));
        Field<BooleanGraphType>("isTeen").Description("Derived from the birth date: 13 to 17. Only for the account itself and admins.")
            .Resolve(ctx => SelfOrAdmin(ctx).PersonalData.Load(ctx.Source.Id)
                .Then(p => p is null ? (bool?)null : Age.IsTeen(p.BirthDate, DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime))));
        Field<ListGraphType<NonNullGraphType<AccountRoleType>>>("roles").Description("Only for the account itself and admins.")
            .Resolve(ctx => { SelfOrAdmin(ctx); return ctx.Source.Roles; });
        Field<DateTimeOffsetGraphType>("deletionScheduledFor").Description("When a requested deletion takes effect (deleteAccount); null when none. Only for the account itself and admins.")
            .Resolve(ctx => { SelfOrAdmin(ctx); return ctx.Source.Deletion?.DueAt; });

        Field<NonNullGraphType<IntGraphType>>("followerCount").Description("Maintained asynchronously; may trail by moments.")
            .Resolve(ctx => ctx.Sora().Loaders.Stats.Load(ctx.Source.Id).Then(s => s?.Followers ?? 0));
        Field<NonNullGraphType<IntGraphType>>("followingCount")
            .Resolve(ctx => ctx.Sora().Loaders.Stats.Load(ctx.Source.Id).Then(s => s?.Following ?? 0));

        Field<NonNullGraphType<BooleanGraphType>>("viewerFollows").Description("Whether the signed-in viewer follows this account.")
            .Resolve(ctx => Between(ctx).Then(r => r is not null && r.Follows(ctx.Viewer().AccountId!.Value)));
        Field<NonNullGraphType<BooleanGraphType>>("followsViewer")
            .Resolve(ctx => Between(ctx).Then(r => r is not null && r.Follows(ctx.Source.Id)));
        Field<NonNullGraphType<BooleanGraphType>>("viewerBlocks")
            .Resolve(ctx => Between(ctx).Then(r => r is not null && r.Blocks(ctx.Viewer().AccountId!.Value)));

        ListField("followers", SocialList.Followers, "Accounts following this one, newest first.");
        ListField("following", SocialList.Following, "Accounts this one follows, newest first.");
        ListField("mutuals", SocialList.Mutuals, "Accounts that follow this one and that it follows back.");
        ListField("blockedAccounts", SocialList.Blocked, "Accounts this one blocks. Only for the account itself.");
    }

    private static RequestLoaders SelfOrAdmin(IResolveFieldContext<Account> ctx)
    {
        if (ctx.Sora().AuthenticatedInRequest == ctx.Source.Id) return ctx.Sora().Loaders;
        var actor = ctx.RequireActor();
        if (actor.AccountId != ctx.Source.Id && !actor.IsAdmin) throw SoraError.Forbidden("Only the account itself can see that.");
        return ctx.Sora().Loaders;
    }

    private static global::GraphQL.DataLoader.IDataLoaderResult<Relationship?> Between(IResolveFieldContext<Account> ctx)
    {
        var viewer = ctx.Viewer().AccountId;
        return viewer is null
            ? LoaderResults.Ready<Relationship?>(null)
            : ctx.Sora().Loaders.Relationships.Load(Relationship.IdFor(viewer.Value, ctx.Source.Id));
    }

    private void ListField(string name, SocialList list, string description)
    {
        var field = Field<NonNullGraphType<AccountConnectionType>>(name).Description(description);
        field.AddPagingArguments();
        field.ResolveAsync(async ctx =>
        {
            var viewer = ctx.Viewer().AccountId;
            if (list == SocialList.Blocked && viewer != ctx.Source.Id) throw SoraError.Forbidden("Only the account itself can see whom it blocks.");
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after"));
            var store = ctx.Service<IDocumentStore>();
            await using var session = store.QuerySession();
            var rows = await SocialQueries.PageAsync(session, list, ctx.Source.Id, viewer, after, first + 1, ctx.CancellationToken);
            var accounts = (await session.LoadManyAsync<Account>(ctx.CancellationToken, rows.Select(r => r.AccountId).ToArray()))
                .ToDictionary(a => a.Id);
            foreach (var account in accounts.Values) ctx.Sora().Loaders.Accounts.Prime(account.Id, account);
            return Common.Connection<Account>.From(rows, first, after is not null, r => r.Seq, r => accounts.GetValueOrDefault(r.AccountId), r => r.Since);
        });
    }
}

public sealed class AccountEdgeType : ObjectGraphType<Edge<Account>>
{
    public AccountEdgeType()
    {
        Name = "AccountEdge";
        Field(x => x.Cursor);
        Field<NonNullGraphType<AccountType>>("node").Resolve(ctx => ctx.Source.Node);
        Field(x => x.Since, nullable: true).Description("When the relationship began.");
    }
}

public sealed class AccountConnectionType : ObjectGraphType<Connection<Account>>
{
    public AccountConnectionType()
    {
        Name = "AccountConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AccountEdgeType>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

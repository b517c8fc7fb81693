using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.Projections.Social;

namespace Sora.GraphQL.Schema.Accounts;

public static class AccountQueries
{
    public static void Add(ObjectGraphType query)
    {
        query.Field<AccountType>("me").Description("The signed-in account, or null when anonymous.")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.Viewer().AccountId;
                return id is null ? null : await ctx.Sora().Loaders.Accounts.Load(id.Value).GetResultAsync(ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<AccountType>>("account").Description("One account by id or by handle. NOT_FOUND when it does not exist, was deleted, or blocks you.")
            .Argument<IdGraphType>("id")
            .Argument<StringGraphType>("handle")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string?>("id");
                var handle = ctx.GetArgument<string?>("handle");
                if ((id is null) == (handle is null)) throw SoraError.BadInput("Give exactly one of 'id' and 'handle'.");
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var account = id is not null
                    ? await session.LoadAsync<Account>(ResolveContextExtensions.ParseId(id, "id"), ctx.CancellationToken)
                    : await session.Query<Account>().FirstOrDefaultAsync(a => a.Handle == Handles.Normalize(handle!), ctx.CancellationToken);
                // A blocker is indistinguishable from a missing account to the one it blocks.
                if (account is null || account.Deleted || (ctx.Viewer().AccountId is { } viewer &&
                                        await SocialQueries.BlocksAsync(session, account.Id, viewer, ctx.CancellationToken)))
                    throw SoraError.NotFound("The account");
                ctx.Sora().Loaders.Accounts.Prime(account.Id, account);
                return account;
            });
    }
}

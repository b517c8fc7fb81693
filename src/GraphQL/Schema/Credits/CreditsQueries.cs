using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Credits;

/// <summary>myCredits: the signed-in account's balance and today's free quota.</summary>
public static class CreditsQueries
{
    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<CreditsType>>("myCredits").Description("Your credit balance and today's free quota.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var ledger = await session.LoadAsync<CreditLedger>(CreditLedger.StreamFor(actor.AccountId), ctx.CancellationToken);
                var policy = ctx.Service<CreditPolicy>();
                var today = DateOnly.FromDateTime(ctx.Service<TimeProvider>().GetUtcNow().UtcDateTime);
                return new CreditsView(ledger?.Balance ?? 0, ledger?.QuotaLeft(today, policy.DailyFreeQuota) ?? policy.DailyFreeQuota, policy.DailyFreeQuota);
            });
}

using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed record StandingView(int ActiveStrikes, DateTimeOffset? SuspendedUntil, bool Banned, DateTimeOffset? NextStrikeExpiresAt);

public sealed class AccountStandingType : ObjectGraphType<StandingView>
{
    public AccountStandingType()
    {
        Name = "AccountStanding";
        Description = "Where your account stands with moderation (docs/moderation.md, the strike rule).";
        Field(x => x.ActiveStrikes).Description("Strikes of the last 90 days. The third suspends the account for 7 days, each further one for 30.");
        Field(x => x.NextStrikeExpiresAt, nullable: true).Description("When the oldest strike that still counts stops counting.");
        Field(x => x.SuspendedUntil, nullable: true).Description("Until when the account may not create or interact.");
        Field(x => x.Banned).Description("Banned: suspended without end. myModerationCases shows the case to appeal.");
    }
}

/// <summary>myStanding: the signed-in account's strikes and restriction, as the rule counts them now.</summary>
public static class StandingQueries
{
    public static void Add(ObjectGraphType query) =>
        query.Field<NonNullGraphType<AccountStandingType>>("myStanding").Description("Your strikes and any suspension or ban.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var now = ctx.Service<TimeProvider>().GetUtcNow();
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var standing = await session.LoadAsync<AccountStanding>(actor.AccountId, ctx.CancellationToken) ?? new AccountStanding { Id = actor.AccountId };
                var restriction = standing.RestrictionAt(now);
                var counting = standing.Strikes.Where(s => now - s.At < StrikePolicy.StrikeLifetime).Select(s => s.At + StrikePolicy.StrikeLifetime).ToList();
                return new StandingView(counting.Count, restriction is { Banned: false } r ? r.Until : null, restriction?.Banned ?? false,
                    counting.Count == 0 ? null : counting.Min());
            });
}

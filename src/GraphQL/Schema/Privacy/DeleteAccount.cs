using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Privacy;

public sealed class DeleteAccountInputType : InputObjectGraphType
{
    public DeleteAccountInputType()
    {
        Name = "DeleteAccountInput";
        Field<NonNullGraphType<BooleanGraphType>>("confirm").Description("Must be true: a deletion cannot be undone once its grace period ends.");
    }
}

/// <summary>Where an account's deletion stands, as the two deletion mutations answer it.</summary>
public sealed record AccountDeletionOutcome(DateTimeOffset? ScheduledFor, IReadOnlyList<Refusal> Errors);

public abstract class AccountDeletionPayloadType : ObjectGraphType<AccountDeletionOutcome>
{
    protected AccountDeletionPayloadType(string name)
    {
        Name = name;
        Field<DateTimeOffsetGraphType>("deletionScheduledFor").Description("When the account will be deleted; null when no deletion is pending.")
            .Resolve(ctx => ctx.Source.ScheduledFor);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }

    public static async Task<AccountDeletionOutcome> OutcomeAsync(IResolveFieldContext ctx, Guid account, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        return new AccountDeletionOutcome((await session.LoadAsync<Account>(account, ctx.CancellationToken))?.Deletion?.DueAt, errors);
    }
}

public sealed class DeleteAccountPayloadType() : AccountDeletionPayloadType("DeleteAccountPayload");

/// <summary>deleteAccount: the account asks to be deleted after the grace period (docs/privacy.md).</summary>
public static class DeleteAccountMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeleteAccountPayloadType>>("deleteAccount")
            .Description("Schedules your account's deletion after a grace period (14 days unless the instance sets another), during which " +
                         "cancelAccountDeletion undoes it. Then, in one transaction: your personal data is shredded, your videos are withdrawn " +
                         "and their media deleted, your cameos deleted, your messages shredded, your feed profile deleted, and your follows and " +
                         "blocks end. The events stay, with ids only. Asking again keeps the first date.")
            .Argument<NonNullGraphType<DeleteAccountInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                if (input["confirm"] is not true)
                    return new AccountDeletionOutcome(null, [new Refusal(ErrorCodes.BadUserInput, "Set confirm to true to delete your account.", "confirm")]);
                return await AccountDeletionPayloadType.OutcomeAsync(ctx, actor.AccountId, await ctx.SendAsync<CommandResult>(new RequestAccountDeletion(actor)));
            });
}

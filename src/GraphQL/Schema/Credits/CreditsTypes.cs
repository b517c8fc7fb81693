using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Credits;

/// <summary>A credit movement's answer: whose ledger, its balance after the change (unchanged when refused), and the errors.</summary>
public sealed record CreditsOutcome(Guid AccountId, int Balance, IReadOnlyList<Refusal> Errors);

public sealed class CreditsPayloadType : ObjectGraphType<CreditsOutcome>
{
    public CreditsPayloadType()
    {
        Name = "CreditsPayload";
        Description = "The account's credit balance after the grant or purchase, or user errors.";
        Field<NonNullGraphType<IdGraphType>>("accountId").Resolve(ctx => ctx.Source.AccountId);
        Field(x => x.Balance).Description("Granted and purchased credits not yet spent, after this change (as myCredits.balance reads it).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class CreditsInputType : InputObjectGraphType
{
    public CreditsInputType(string name, string textField, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<IdGraphType>>("accountId");
        Field<NonNullGraphType<IntGraphType>>("amount");
        Field<NonNullGraphType<StringGraphType>>(textField);
    }
}

public sealed record CreditsView(int Balance, int FreeQuotaLeft, int DailyFreeQuota);

public sealed class CreditsType : ObjectGraphType<CreditsView>
{
    public CreditsType()
    {
        Name = "Credits";
        Field(x => x.Balance).Description("Granted and purchased credits not yet spent.");
        Field(x => x.FreeQuotaLeft).Description("Free credits left today (UTC); spent before the balance.");
        Field(x => x.DailyFreeQuota);
    }
}

/// <summary>The balance after a change, read from the ledger snapshot (inline, so it is this change's) like myCredits.</summary>
public static class CreditsOutcomes
{
    public static async Task<CreditsOutcome> AfterAsync(IResolveFieldContext ctx, Guid account, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var ledger = await session.LoadAsync<CreditLedger>(CreditLedger.StreamFor(account), ctx.CancellationToken);
        return new CreditsOutcome(account, ledger?.Balance ?? 0, errors);
    }
}

using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class AppealInputType : InputObjectGraphType
{
    public AppealInputType()
    {
        Name = "AppealInput";
        Field<NonNullGraphType<IdGraphType>>("caseId").Description("From myModerationCases.");
        Field<NonNullGraphType<StringGraphType>>("statement").Description($"Why the decision is wrong, at most {AppealActionDecider.MaxStatement} characters.");
    }
}

public sealed record AppealOutcome(ModerationCase? Decision, IReadOnlyList<Refusal> Errors);

/// <summary>The answers the author gets on a case (appeal, counter-notice, prompt review): the case as they see it, or user errors.</summary>
public abstract class AuthorCasePayloadType : ObjectGraphType<AppealOutcome>
{
    protected AuthorCasePayloadType(string name, string? decision = null)
    {
        Name = name;
        Field<AuthorCaseType>("decision").Description(decision).Resolve(ctx => ctx.Source.Decision);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }

    /// <summary>Sends the author's command and answers with the case it names (rights refusals are thrown, the rest are user errors).</summary>
    public static async Task<AppealOutcome> AnswerAsync(IResolveFieldContext ctx, object command)
    {
        var result = await ctx.SendAsync<CommandResult>(command);
        var errors = Refusals.ToUserErrors(result.Refusal);
        if (result.Id is not { } caseId) return new AppealOutcome(null, errors);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        return new AppealOutcome(await session.LoadAsync<ModerationCase>(caseId, ctx.CancellationToken), errors);
    }
}

public sealed class AppealPayloadType() : AuthorCasePayloadType("AppealPayload");

/// <summary>appeal: the author asks, once, for a removal of their content to be decided again by another moderator.</summary>
public static class AppealActionMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<AppealPayloadType>>("appeal")
            .Description("Appeals a removal of your content, or a strike, suspension or ban of your account, once (ALREADY_APPEALED). A moderator other than the one who acted decides.")
            .Argument<NonNullGraphType<AppealInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var caseId = ResolveContextExtensions.ParseId(input["caseId"]?.ToString(), "caseId");
                return await AuthorCasePayloadType.AnswerAsync(ctx, new AppealAction(ctx.RequireActor(), caseId, (string)input["statement"]!));
            });
}

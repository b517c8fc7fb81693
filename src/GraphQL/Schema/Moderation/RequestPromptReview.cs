using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

public sealed class RequestPromptReviewInputType : InputObjectGraphType
{
    public RequestPromptReviewInputType()
    {
        Name = "RequestPromptReviewInput";
        Field<NonNullGraphType<StringGraphType>>("prompt").Description("The prompt requestGeneration refused with PROMPT_NOT_ALLOWED.");
    }
}

public sealed class RequestPromptReviewPayloadType() : AuthorCasePayloadType("RequestPromptReviewPayload",
    "The review, in myModerationCases too: RESTORED when a moderator allows the prompt, DISMISSED when the refusal stands.");

/// <summary>requestPromptReview: the appeal path of a prompt refusal; a moderator allows the prompt or keeps the refusal.</summary>
public static class RequestPromptReviewMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RequestPromptReviewPayloadType>>("requestPromptReview")
            .Description("Asks a moderator to look at a prompt the policy refused. Asking again for the same prompt meets the same review.")
            .Argument<NonNullGraphType<RequestPromptReviewInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                return await AuthorCasePayloadType.AnswerAsync(ctx, new RequestPromptReview(ctx.RequireActor(), (string)input["prompt"]!));
            });
}

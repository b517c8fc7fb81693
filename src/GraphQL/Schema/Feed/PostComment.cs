using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;

namespace Sora.GraphQL.Schema.Feed;

public sealed class CommentInputType : InputObjectGraphType
{
    public CommentInputType()
    {
        Name = "CommentInput";
        Field<NonNullGraphType<IdGraphType>>("videoId");
        Field<NonNullGraphType<StringGraphType>>("text").Description($"Plain text, at most {CommentRules.MaxLength} characters.");
        Field<StringGraphType>("clientRequestId")
            .Description("Your id for this comment (1-100 characters): a retry with the same id posts nothing new and answers the first comment.");
    }
}

public sealed record CommentOutcome(Comment? Comment, IReadOnlyList<Refusal> Errors);

public sealed class CommentPayloadType : ObjectGraphType<CommentOutcome>
{
    public CommentPayloadType()
    {
        Name = "CommentPayload";
        Description = "The comment posted (or, for a retry, the first one), or user errors.";
        Field<CommentType>("comment").Resolve(ctx => ctx.Source.Comment);
        Field<VideoType>("video").Description("The video commented on, as you see it now.")
            .ResolveAsync(async ctx => ctx.Source.Comment is { } c ? await VideoQueries.VisibleAsync(ctx, c.VideoId) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>comment: posts a comment on a video (PostComment), idempotent by clientRequestId.</summary>
public static class PostCommentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CommentPayloadType>>("comment").Description($"Comments on a video (plain text, at most {CommentRules.MaxLength} characters).")
            .Argument<NonNullGraphType<CommentInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var result = await ctx.SendAsync<CommandResult>(new PostComment(ctx.RequireActor(), FeedMutations.Id(input, "videoId"),
                    (string)input["text"]!, input.GetValueOrDefault("clientRequestId") as string));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } id) return new CommentOutcome(null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new CommentOutcome(await session.LoadAsync<Comment>(id, ctx.CancellationToken), errors);
            });
}

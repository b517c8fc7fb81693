using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;

namespace Sora.GraphQL.Schema.Feed;

public sealed class DeleteCommentInputType : InputObjectGraphType
{
    public DeleteCommentInputType()
    {
        Name = "DeleteCommentInput";
        Field<NonNullGraphType<IdGraphType>>("commentId");
    }
}

public sealed record DeleteCommentOutcome(Guid? CommentId, Guid? VideoId, IReadOnlyList<Refusal> Errors);

public sealed class DeleteCommentPayloadType : ObjectGraphType<DeleteCommentOutcome>
{
    public DeleteCommentPayloadType()
    {
        Name = "DeleteCommentPayload";
        Description = "Which comment is gone, and its video as you see it now, or user errors.";
        Field<IdGraphType>("deletedCommentId").Resolve(ctx => ctx.Source.CommentId);
        Field<VideoType>("video").Description("The video the comment was on (its comments no longer list it).")
            .ResolveAsync(async ctx => ctx.Source.VideoId is { } id ? await VideoQueries.VisibleAsync(ctx, id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>deleteComment: its author, the video's owner, or a moderator.</summary>
public static class DeleteCommentMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<DeleteCommentPayloadType>>("deleteComment").Description("Deletes a comment: its author, the video's owner, or a moderator.")
            .Argument<NonNullGraphType<DeleteCommentInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var commentId = FeedMutations.Id(ctx.GetArgument<Dictionary<string, object?>>("input"), "commentId");
                var errors = Refusals.ToUserErrors((await ctx.SendAsync<CommandResult>(new DeleteComment(ctx.RequireActor(), commentId))).Refusal);
                if (errors.Count > 0) return new DeleteCommentOutcome(null, null, errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var comment = await session.LoadAsync<Comment>(commentId, ctx.CancellationToken);
                return new DeleteCommentOutcome(commentId, comment?.VideoId, errors);
            });
}

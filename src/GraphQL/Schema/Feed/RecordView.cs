using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class RecordViewInputType : InputObjectGraphType
{
    public RecordViewInputType()
    {
        Name = "RecordViewInput";
        Field<NonNullGraphType<IdGraphType>>("videoId");
        Field<NonNullGraphType<IntGraphType>>("watchedMs").Description($"How long you watched, 0 to {RecordViewMutation.MaxWatchedMs} ms.");
        Field<NonNullGraphType<BooleanGraphType>>("completed").Description("Whether you watched to the end.");
    }
}

public sealed class RecordViewPayloadType() : VideoSignalPayloadType("RecordViewPayload", "The watched video (its view count may trail by moments).");

/// <summary>recordView: a view with watch time and completion, written in group-committed batches (docs/feed.md).</summary>
public static class RecordViewMutation
{
    public const int MaxWatchedMs = RecordViewHandler.MaxWatchedMs;

    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RecordViewPayloadType>>("recordView")
            .Description("Records that you watched a video (watchedMs, and whether to the end). Written in group-committed batches; " +
                         "the next feed page already reflects it.")
            .Argument<NonNullGraphType<RecordViewInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var videoId = FeedMutations.Id(input, "videoId");
                var result = await ctx.SendAsync<CommandResult>(new RecordView(ctx.RequireActor(), videoId, (int)input["watchedMs"]!,
                    (bool)input["completed"]!, FeedQueries.Region(ctx)));
                var errors = Refusals.ToUserErrors(result.Refusal);
                return new VideoSignalOutcome(errors.Count == 0 ? videoId : null, errors);
            });
}

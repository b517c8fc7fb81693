using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Feed;
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
    public const int MaxWatchedMs = 10 * 60 * 1000;

    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RecordViewPayloadType>>("recordView")
            .Description("Records that you watched a video (watchedMs, and whether to the end). Written in group-committed batches; " +
                         "the next feed page already reflects it.")
            .Argument<NonNullGraphType<RecordViewInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var watched = (int)input["watchedMs"]!;
                if (watched is < 0 or > MaxWatchedMs)
                    return new VideoSignalOutcome(null, [new Refusal(ErrorCodes.BadUserInput, $"watchedMs must be between 0 and {MaxWatchedMs}.", "watchedMs")]);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var video = await FeedVisibility.VisibleToAsync(session, FeedMutations.Id(input, "videoId"), actor.AccountId, ctx.CancellationToken)
                            ?? throw SoraError.NotFound("The video");
                await ctx.Service<ViewIngest>().RecordAsync(new VideoViewed(actor.AccountId, video.Id, watched, video.DurationSeconds * 1000,
                    (bool)input["completed"]!, FeedQueries.Region(ctx), ctx.Service<TimeProvider>().GetUtcNow()), ctx.CancellationToken);
                return new VideoSignalOutcome(video.Id, []);
            });
}

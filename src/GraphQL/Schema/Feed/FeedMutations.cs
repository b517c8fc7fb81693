using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Feed;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class AssistantTopicInputType : InputObjectGraphType
{
    public AssistantTopicInputType()
    {
        Name = "AssistantTopicInput";
        Field<NonNullGraphType<StringGraphType>>("topic");
        Field<NonNullGraphType<FloatGraphType>>("weight").Description("In (0, 1].");
    }
}

public static class FeedMutations
{
    public const int MaxWatchedMs = 10 * 60 * 1000;

    public static void Add(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<FeedPayloadType>>("recordView")
            .Description("Records that you watched a video (watchedMs, and whether to the end). Written in group-committed batches; " +
                         "the next feed page already reflects it.")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<IntGraphType>>("watchedMs")
            .Argument<NonNullGraphType<BooleanGraphType>>("completed")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var watched = ctx.GetArgument<int>("watchedMs");
                if (watched is < 0 or > MaxWatchedMs)
                    return new FeedOutcome([new Refusal(ErrorCodes.BadUserInput, $"watchedMs must be between 0 and {MaxWatchedMs}.", "watchedMs")]);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var video = await FeedVisibility.VisibleToAsync(session, ctx.IdArgument("videoId"), actor.AccountId, ctx.CancellationToken)
                            ?? throw SoraError.NotFound("The video");
                await ctx.Service<ViewIngest>().RecordAsync(new VideoViewed(actor.AccountId, video.Id, watched, video.DurationSeconds * 1000,
                    ctx.GetArgument<bool>("completed"), FeedQueries.Region(ctx), ctx.Service<TimeProvider>().GetUtcNow()), ctx.CancellationToken);
                return new FeedOutcome([]);
            });

        Reaction(mutation, "like", ReactionKind.Like, "Likes a video (again is a no-op).");
        Reaction(mutation, "unlike", ReactionKind.Unlike, "Takes a like back.");
        Reaction(mutation, "seeLess", ReactionKind.SeeLess, "Fewer videos like this and from this creator.");
        Reaction(mutation, "notInterested", ReactionKind.NotInterested, "Never this video again, and fewer like it.");
        Reaction(mutation, "hide", ReactionKind.Hide, "Never this video again.");
        Reaction(mutation, "share", ReactionKind.Share, "Records a share (channel: where to, e.g. \"link\", \"message\").", withChannel: true);

        mutation.Field<NonNullGraphType<FeedPayloadType>>("comment").Description($"Comments on a video (plain text, at most {CommentRules.MaxLength} characters).")
            .Argument<NonNullGraphType<IdGraphType>>("videoId")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Argument<StringGraphType>("clientRequestId", "Your id for this comment (1-100 characters): a retry with the same id posts nothing new and answers the first comment.")
            .ResolveAsync(async ctx =>
            {
                var result = await ctx.SendAsync<CommandResult>(new PostComment(ctx.RequireActor(), ctx.IdArgument("videoId"), ctx.GetArgument<string>("text"),
                    ctx.GetArgument<string?>("clientRequestId")));
                var errors = Refusals.ToUserErrors(result.Refusal);
                if (result.Id is not { } id) return new FeedOutcome(errors);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return new FeedOutcome(errors, Comment: await session.LoadAsync<Comment>(id, ctx.CancellationToken));
            });

        mutation.Field<NonNullGraphType<FeedPayloadType>>("deleteComment").Description("Deletes a comment: its author, the video's owner, or a moderator.")
            .Argument<NonNullGraphType<IdGraphType>>("commentId")
            .ResolveAsync(async ctx => Outcome(await ctx.SendAsync<CommandResult>(new DeleteComment(ctx.RequireActor(), ctx.IdArgument("commentId")))));

        mutation.Field<NonNullGraphType<FeedPayloadType>>("setPersonalization")
            .Description("false: your For You feed uses recency and popularity only (same exclusions and visibility rules).")
            .Argument<NonNullGraphType<BooleanGraphType>>("enabled")
            .ResolveAsync(async ctx => await SettingsOutcomeAsync(ctx, ctx.RequireActor().AccountId,
                await ctx.SendAsync<CommandResult>(new SetPersonalization(ctx.RequireActor(), ctx.GetArgument<bool>("enabled")))));

        mutation.Field<NonNullGraphType<FeedPayloadType>>("setDailyScrollCap")
            .Description("Caps how many feed items an account is served per UTC day (null removes it). The account itself or an admin; parental controls will use it.")
            .Argument<IdGraphType>("accountId", "Defaults to you.")
            .Argument<IntGraphType>("cap")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var account = ctx.GetArgument<string?>("accountId") is { } given ? ResolveContextExtensions.ParseId(given, "accountId") : actor.AccountId;
                var result = await ctx.SendAsync<CommandResult>(new SetDailyScrollCap(actor, account, ctx.GetArgument<int?>("cap")));
                return await SettingsOutcomeAsync(ctx, account, result);
            });

        mutation.Field<NonNullGraphType<FeedPayloadType>>("connectAssistantHistory")
            .Description("Opt-in: interest topics imported from an external assistant's history (what an integration calls). Replaces earlier ones.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<AssistantTopicInputType>>>>("topics")
            .Argument<StringGraphType>("source", "Which assistant, for your records.")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var topics = ctx.GetArgument<List<Dictionary<string, object?>>>("topics")
                    .Select(t => new AssistantTopic(t["topic"] as string ?? "", Convert.ToDouble(t["weight"]))).ToList();
                var result = await ctx.SendAsync<CommandResult>(new ImportAssistantTopics(actor, topics, ctx.GetArgument<string?>("source") ?? ""));
                return await SettingsOutcomeAsync(ctx, actor.AccountId, result);
            });

        mutation.Field<NonNullGraphType<FeedPayloadType>>("disconnectAssistantHistory")
            .Description("Switches assistant topics off: they are deleted and stop shaping your feed at once.")
            .ResolveAsync(async ctx => await SettingsOutcomeAsync(ctx, ctx.RequireActor().AccountId,
                await ctx.SendAsync<CommandResult>(new DisconnectAssistantHistory(ctx.RequireActor()))));
    }

    private static void Reaction(ObjectGraphType mutation, string name, ReactionKind kind, string description, bool withChannel = false)
    {
        var field = mutation.Field<NonNullGraphType<FeedPayloadType>>(name).Description(description)
            .Argument<NonNullGraphType<IdGraphType>>("videoId");
        if (withChannel) field.Argument<StringGraphType>("channel");
        field.ResolveAsync(async ctx => Outcome(await ctx.SendAsync<CommandResult>(new React(ctx.RequireActor(), ctx.IdArgument("videoId"), kind,
            withChannel ? ctx.GetArgument<string?>("channel") : null, FeedQueries.Region(ctx)))));
    }

    private static FeedOutcome Outcome(CommandResult result) => new(Refusals.ToUserErrors(result.Refusal));

    private static async Task<FeedOutcome> SettingsOutcomeAsync(IResolveFieldContext ctx, Guid account, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var settings = await session.LoadAsync<FeedSettings>(FeedSettings.StreamFor(account), ctx.CancellationToken)
                       ?? new FeedSettings { Id = FeedSettings.StreamFor(account), AccountId = account };
        return new FeedOutcome(errors, settings);
    }
}

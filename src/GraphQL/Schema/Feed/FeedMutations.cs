using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Feed;
using Sora.GraphQL.Schema.Common;
using Sora.GraphQL.Schema.Generations;

namespace Sora.GraphQL.Schema.Feed;

/// <summary>
/// The feed's verbs, one file each (<c>Like.cs</c>, <c>PostComment.cs</c>, …): each takes one <c>input</c> and answers
/// its own payload. This file lists them and holds the two payload shapes they share: a signal on a video answers
/// the video as the viewer now sees it; a feed control answers the feed settings after the change.
/// </summary>
public static class FeedMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        RecordViewMutation.Add(mutation);
        LikeMutation.Add(mutation);
        UnlikeMutation.Add(mutation);
        SeeLessMutation.Add(mutation);
        NotInterestedMutation.Add(mutation);
        HideMutation.Add(mutation);
        ShareMutation.Add(mutation);
        PostCommentMutation.Add(mutation);
        DeleteCommentMutation.Add(mutation);
        SetPersonalizationMutation.Add(mutation);
        SetDailyScrollCapMutation.Add(mutation);
        ConnectAssistantHistoryMutation.Add(mutation);
        DisconnectAssistantHistoryMutation.Add(mutation);
    }

    /// <summary>A reaction's input: the video.</summary>
    public static InputObjectGraphType VideoInput(string name, string description)
    {
        var input = new InputObjectGraphType { Name = name, Description = description };
        input.Field<NonNullGraphType<IdGraphType>>("videoId");
        return input;
    }

    public static Guid Id(IDictionary<string, object?> input, string field) => ResolveContextExtensions.ParseId(input[field]?.ToString(), field);

    /// <summary>Registers a reaction verb (like, unlike, seeLess, notInterested, hide, share): React with that kind.</summary>
    public static void AddReaction<TPayload>(ObjectGraphType mutation, string name, ReactionKind kind, string description, InputObjectGraphType input)
        where TPayload : VideoSignalPayloadType =>
        mutation.Field<NonNullGraphType<TPayload>>(name).Description(description)
            .Arguments(new QueryArgument(new NonNullGraphType(input)) { Name = "input" })
            .ResolveAsync(async ctx =>
            {
                var values = ctx.GetArgument<Dictionary<string, object?>>("input");
                var videoId = Id(values, "videoId");
                var result = await ctx.SendAsync<CommandResult>(new React(ctx.RequireActor(), videoId, kind,
                    values.GetValueOrDefault("channel") as string, FeedQueries.Region(ctx)));
                return new VideoSignalOutcome(videoId, Refusals.ToUserErrors(result.Refusal));
            });

    /// <summary>The feed settings of an account after a control changed them (or did not).</summary>
    public static async Task<FeedSettingsOutcome> SettingsOutcomeAsync(IResolveFieldContext ctx, Guid account, CommandResult result,
        string? clientMutationId = null)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        await using var session = ctx.Service<IDocumentStore>().QuerySession();
        var settings = await session.LoadAsync<FeedSettings>(FeedSettings.StreamFor(account), ctx.CancellationToken)
                       ?? new FeedSettings { Id = FeedSettings.StreamFor(account), AccountId = account };
        return new FeedSettingsOutcome(settings, errors, clientMutationId);
    }
}

/// <summary>The answer of a signal on one video: its id (null when the input was refused before it was read) and the errors.</summary>
public sealed record VideoSignalOutcome(Guid? VideoId, IReadOnlyList<Refusal> Errors);

/// <summary>
/// The payload of a signal on a video: the video as the viewer now sees it (viewerHasLiked, stats, comments), so the
/// client re-renders it from the answer. Loaded only when asked for, so a signal that selects errors alone costs no read.
/// </summary>
public abstract class VideoSignalPayloadType : ObjectGraphType<VideoSignalOutcome>
{
    protected VideoSignalPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<VideoType>("video").Description("The video as you see it now; null when the input was refused, or you can no longer see it.")
            .ResolveAsync(async ctx => ctx.Source.VideoId is { } id ? await VideoQueries.VisibleAsync(ctx, id) : null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>The answer of a feed control: the settings after the change, and the errors.</summary>
public sealed record FeedSettingsOutcome(FeedSettings Settings, IReadOnlyList<Refusal> Errors, string? ClientMutationId = null);

/// <summary>The payload of a feed control: the feed settings it acted on, as they stand after it.</summary>
public abstract class FeedSettingsPayloadType : ObjectGraphType<FeedSettingsOutcome>
{
    protected FeedSettingsPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<FeedSettingsType>>("settings").Description("The feed settings after the change (unchanged when refused).")
            .Resolve(ctx => ctx.Source.Settings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class UnlikePayloadType() : VideoSignalPayloadType("UnlikePayload", "The video, no longer liked by you.");

/// <summary>unlike: Takes a like back.</summary>
public static class UnlikeMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<UnlikePayloadType>(mutation, "unlike", ReactionKind.Unlike, "Takes a like back.",
            FeedMutations.VideoInput("UnlikeInput", "The video to take your like from."));
}

using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class LikePayloadType() : VideoSignalPayloadType("LikePayload", "The liked video (viewerHasLiked is true).");

/// <summary>like: Likes a video (again is a no-op).</summary>
public static class LikeMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<LikePayloadType>(mutation, "like", ReactionKind.Like, "Likes a video (again is a no-op).",
            FeedMutations.VideoInput("LikeInput", "The video to like."));
}

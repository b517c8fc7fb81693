using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class NotInterestedPayloadType() : VideoSignalPayloadType("NotInterestedPayload", "The video you are not interested in.");

/// <summary>notInterested: Never this video again, and fewer like it.</summary>
public static class NotInterestedMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<NotInterestedPayloadType>(mutation, "notInterested", ReactionKind.NotInterested, "Never this video again, and fewer like it.",
            FeedMutations.VideoInput("NotInterestedInput", "The video to leave out, with fewer like it."));
}

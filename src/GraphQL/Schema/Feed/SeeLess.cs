using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class SeeLessPayloadType() : VideoSignalPayloadType("SeeLessPayload", "The video you asked to see less like.");

/// <summary>seeLess: Fewer videos like this and from this creator.</summary>
public static class SeeLessMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<SeeLessPayloadType>(mutation, "seeLess", ReactionKind.SeeLess, "Fewer videos like this and from this creator.",
            FeedMutations.VideoInput("SeeLessInput", "The video to see less like."));
}

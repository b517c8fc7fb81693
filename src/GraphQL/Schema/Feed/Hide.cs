using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class HidePayloadType() : VideoSignalPayloadType("HidePayload", "The hidden video.");

/// <summary>hide: Never this video again.</summary>
public static class HideMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<HidePayloadType>(mutation, "hide", ReactionKind.Hide, "Never this video again.",
            FeedMutations.VideoInput("HideInput", "The video to hide from your feeds."));
}

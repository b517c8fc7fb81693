using GraphQL.Types;
using Sora.Domain.Feed;

namespace Sora.GraphQL.Schema.Feed;

public sealed class ShareInputType : InputObjectGraphType
{
    public ShareInputType()
    {
        Name = "ShareInput";
        Description = "The video shared, and where to.";
        Field<NonNullGraphType<IdGraphType>>("videoId");
        Field<StringGraphType>("channel").Description("Where to, e.g. \"link\", \"message\".");
    }
}

public sealed class SharePayloadType() : VideoSignalPayloadType("SharePayload", "The shared video (its share count may trail by moments).");

/// <summary>share: records a share; every share counts.</summary>
public static class ShareMutation
{
    public static void Add(ObjectGraphType mutation) =>
        FeedMutations.AddReaction<SharePayloadType>(mutation, "share", ReactionKind.Share, "Records a share (channel: where to, e.g. \"link\", \"message\").",
            new ShareInputType());
}

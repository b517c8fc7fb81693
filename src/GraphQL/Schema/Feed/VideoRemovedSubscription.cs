using GraphQL;
using GraphQL.Types;
using Sora.GraphQL.Notifications;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Feed;

public sealed class VideoRemovedType : ObjectGraphType<Guid>
{
    public VideoRemovedType()
    {
        Name = "VideoRemoved";
        Description = "A video that left public view. Nothing else about it is said: why is the business of its creator, the people it shows and moderators.";
        Field<NonNullGraphType<IdGraphType>>("videoId").Resolve(ctx => ctx.Source);
    }
}

public static class VideoRemovedSubscription
{
    /// <summary>A feed holds a few pages; one subscription covers them, and the bound keeps a socket's cost small.</summary>
    public const int MaxIds = 100;

    public static void Add(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<VideoRemovedType>, Guid>("videoRemoved")
            .Description($"Tells when any of these videos leaves public view (withdrawn, a consent revoked or removed, taken down, age-restricted, " +
                         $"blocked), as it commits on any node: a feed client drops it from what it shows. 1 to {MaxIds} ids; open to everyone, " +
                         "since only ids the caller named are ever sent, with nothing about them.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveStream(ctx =>
            {
                var raw = ctx.GetArgument<List<string>>("ids") ?? [];
                if (raw.Count is 0 or > MaxIds) throw SoraError.BadInput($"'ids' takes 1 to {MaxIds} video ids.");
                var ids = raw.Select(id => ResolveContextExtensions.ParseId(id, "ids")).Distinct().ToArray();
                return ctx.Service<VideoRemovalHub>().For(ids);
            });
}

using GraphQL;
using GraphQL.Types;
using Marten;
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
                         $"blocked), as it commits on any node: a feed client drops it from what it shows. Ids already out of public view when it starts are sent first, so a page fetched just before subscribing misses nothing. 1 to {MaxIds} ids; open to everyone, " +
                         "since only ids the caller named are ever sent, with nothing about them.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids")
            .ResolveStream(ctx =>
            {
                var raw = ctx.GetArgument<List<string>>("ids") ?? [];
                if (raw.Count is 0 or > MaxIds) throw SoraError.BadInput($"'ids' takes 1 to {MaxIds} video ids.");
                var ids = raw.Select(id => ResolveContextExtensions.ParseId(id, "ids")).Distinct().ToArray();
                var store = ctx.Service<IDocumentStore>();
                return ctx.Service<VideoRemovalHub>().CatchingUp(ids, async ct =>
                {
                    await using var session = store.QuerySession();
                    var present = (await session.LoadManyAsync<Sora.Domain.Feed.FeedVideo>(ct, ids)).Select(v => v.Id).ToHashSet();
                    return ids.Where(id => !present.Contains(id)).ToArray();
                });
            });
}

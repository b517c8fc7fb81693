using Sora.Domain.Media;
using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Sora.GraphQL.Media;
using Sora.GraphQL.Schema.Accounts;
using Sora.GraphQL.Schema.Common;
using Sora.Render.Generations;
using Sora.Render.Media;
using Sora.Render.Provenance;

using Sora.GraphQL.Schema.Cameos;

namespace Sora.GraphQL.Schema.Generations;

public sealed class GenerationPriceType : ObjectGraphType<GenerationPrice>
{
    public GenerationPriceType()
    {
        Name = "GenerationPrice";
        Description = "base = duration/5 s × resolution units (480p 1, 720p 2, 1080p 4); total = ceil(base × surge). See docs/render.md.";
        Field(x => x.Base);
        Field(x => x.Surge).Description("1.0, or more while the render queue is deep.");
        Field(x => x.Total);
        Field(x => x.QueueDepth).Description("Generations queued or rendering when the price was made.");
    }
}

public sealed class GenerationCameoType : ObjectGraphType<GenerationCameo>
{
    public GenerationCameoType()
    {
        Name = "GenerationCameo";
        // Whose face an upload shows, or whom a remixed video shows, is not the requester's to learn from the API:
        // otherwise any photo could be turned into a handle. The owner sees their own; a mention named them already.
        Field<IdGraphType>("cameoId").Description("The likeness's cameo: for mentions, and for its owner.")
            .Resolve(ctx => Named(ctx) ? ctx.Source.CameoId : null);
        Field<StringGraphType>("handle").Description("The likeness owner's handle: for mentions, and for its owner.")
            .Resolve(ctx => Named(ctx) ? ctx.Source.Handle : null);
        Field<NonNullGraphType<IdGraphType>>("useId").Resolve(ctx => ctx.Source.UseId);
        Field(x => x.ReceiptHash).Description("The consent receipt that allowed the use (also in the video's provenance).");
        Field<NonNullGraphType<CameoUsePathType>>("path").Description("How the likeness entered the video.").Resolve(ctx => ctx.Source.Path);
    }

    private static bool Named(global::GraphQL.IResolveFieldContext<GenerationCameo> ctx) =>
        ctx.Source.Path == Sora.Domain.Cameos.CameoUsePath.Mention || ctx.Viewer().AccountId == ctx.Source.OwnerId;
}

public sealed class GenerationType : ObjectGraphType<Generation>
{
    public GenerationType()
    {
        Name = "Generation";
        Description = "A request for a video and its render. Visible to its requester only.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<GenerationStateType>>("state").Resolve(ctx => GenerationStates.Of(ctx.Source));
        Field<StringGraphType>("reason").Description("Why it FAILED, was BLOCKED or CANCELLED.").Resolve(ctx => ctx.Source.Reason);
        Field<IntGraphType>("queuePosition").Description("1 for the next to render; null once it left the queue.")
            .ResolveAsync(async ctx =>
            {
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                return await RenderQueueState.PositionAsync(session, ctx.Source, ctx.CancellationToken);
            });
        Field(x => x.Prompt);
        Field(x => x.DurationSeconds);
        Field<NonNullGraphType<VideoAspectType>>("aspect").Resolve(ctx => ctx.Source.Aspect);
        Field<NonNullGraphType<VideoResolutionType>>("resolution").Resolve(ctx => ctx.Source.Resolution);
        Field<NonNullGraphType<StringGraphType>>("seed").Description("A 64-bit integer, as a string.").Resolve(ctx => ctx.Source.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(x => x.Price).Description("Credits charged (refunded if it FAILED, was CANCELLED, or BLOCKED before it was ready).");
        Field(x => x.Refunded);
        Field(x => x.Attempts).Description("Render attempts so far (a retry or a recovered job adds one).");
        Field(x => x.ClientRequestId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenerationCameoType>>>>("cameos").Resolve(ctx => ctx.Source.Cameos);
        Field<VideoType>("video").Description("The video, once READY (or BLOCKED after it was ready).")
            .Resolve(ctx => ctx.Source.VideoMediaId is null ? null : ctx.Source);
        Field<DateTimeOffsetGraphType>("requestedAt").Resolve(ctx => ctx.Source.RequestedAt);
    }
}

public sealed class ProvenanceActionType : ObjectGraphType<ProvenanceAction>
{
    public ProvenanceActionType()
    {
        Name = "ProvenanceAction";
        Field(x => x.Action).Description("c2pa.created, c2pa.edited (remix), c2pa.placed (input image).");
        Field(x => x.DigitalSourceType, nullable: true);
        Field(x => x.SoftwareAgent, nullable: true);
        Field(x => x.Ingredient, nullable: true).Description("The source this action used (remix parent and its manifest digest, input image hash).");
    }
}

public sealed class ProvenanceType : ObjectGraphType<ProvenanceReport>
{
    public ProvenanceType()
    {
        Name = "Provenance";
        Description = "The result of verifying the MP4's signed manifest (C2PA-style uuid box, COSE Sign1 ES256) against the file as stored now.";
        Field(x => x.Valid);
        Field(x => x.Signer, nullable: true).Description("The signing instance's key id.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProvenanceActionType>>>>("actions").Resolve(ctx => ctx.Source.Actions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("receipts").Description("Consent receipt hashes of every cameo in it.")
            .Resolve(ctx => ctx.Source.Receipts);
        Field(x => x.Problem, nullable: true);
    }
}

public sealed class VideoType : ObjectGraphType<Generation>
{
    private const int RemixBatch = 200;

    public VideoType()
    {
        Name = "Video";
        Description = "A rendered video. Drafts are visible to their creator; published ones to everyone; blocked ones to moderators.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<VideoStatusType>>("status").Resolve(ctx => GenerationStates.VideoStatusOf(ctx.Source));
        Field<AccountType>("creator").Resolve(ctx => ctx.Sora().Loaders.Accounts.Load(ctx.Source.RequesterId));
        Field(x => x.Prompt);
        Field(x => x.Width);
        Field(x => x.Height);
        Field<NonNullGraphType<FloatGraphType>>("durationSeconds").Resolve(ctx => ctx.Source.RenderedSeconds);
        Field<StringGraphType>("url").Description("The MP4 (range requests supported); a signed link valid for an hour.")
            .Resolve(ctx => ctx.Source.VideoMediaId is { } id ? ctx.Service<MediaUrls>().For(id, ctx.Viewer().AccountId) : null);
        Field<StringGraphType>("posterUrl").Resolve(ctx => ctx.Source.PosterMediaId is { } id ? ctx.Service<MediaUrls>().For(id, ctx.Viewer().AccountId) : null);
        Field<NonNullGraphType<BooleanGraphType>>("ageRestricted")
            .Description("A moderator age-restricted it: not in feeds or search, not remixable, and shown by its link to signed-in adults only.")
            .Resolve(ctx => ctx.Source.AgeRestrictedBy is not null);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Moderation.ContentLabelType>>>>("labels")
            .Description("Moderators' labels on this video (at most one of each kind): show them before it plays.")
            .Resolve(ctx => ctx.Source.Labels.Select(l => l.Label).ToArray());
        Field<StringGraphType>("model").Resolve(ctx => ctx.Source.Model);
        Field<DateTimeOffsetGraphType>("publishedAt").Resolve(ctx => ctx.Source.PublishedAt);
        Field<VideoType>("remixOf").Description("The video this one remixes, when you may see it.")
            .ResolveAsync(async ctx => ctx.Source.RemixOf is { } parent ? await VideoQueries.VisibleAsync(ctx, parent) : null);
        var remixes = Field<NonNullGraphType<Feed.VideoConnectionType>>("remixes").Description("Visible remixes of this video, newest first.");
        remixes.AddPagingArguments();
        remixes.ResolveAsync(async ctx =>
        {
            var first = Paging.First(ctx.GetArgument<int?>("first"));
            var after = Paging.Decode(ctx.GetArgument<string?>("after"));
            var before = after is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : DateTimeOffset.MaxValue;
            await using var session = ctx.Service<IDocumentStore>().QuerySession();
            var roles = await VideoQueries.RolesAsync(ctx);
            // Visibility is decided per video, so candidates are read in batches until a page (and one more) is visible.
            var visible = new List<Generation>();
            while (visible.Count <= first)
            {
                var batch = await session.Query<Generation>().Where(g => g.RemixOf == ctx.Source.Id && g.Stage == GenerationStage.Ready && g.RequestedAt < before)
                    .OrderByDescending(g => g.RequestedAt).Take(RemixBatch).ToListAsync(ctx.CancellationToken);
                foreach (var remix in batch)
                    if (visible.Count <= first && await MediaAccess.CanSeeAsync(session, remix, ctx.Viewer().AccountId, roles, ctx.CancellationToken))
                        visible.Add(remix);
                if (batch.Count < RemixBatch) break;
                before = batch[^1].RequestedAt;
            }
            return Common.Connection<Generation>.From(visible, first, after is not null, g => g.RequestedAt.UtcTicks, g => g, g => g.RequestedAt);
        });
        Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Verifies the stored file's signed manifest now.")
            .ResolveAsync(async ctx =>
            {
                var path = ctx.Source.VideoMediaId is { } id ? ctx.Service<IMediaStore>().LocalPath(id) : null;
                if (path is null) return ProvenanceReport.Invalid("The media is missing.");
                var key = ctx.Service<ProvenanceKey>();
                return ProvenanceManifest.Verify(await File.ReadAllBytesAsync(path, ctx.CancellationToken),
                    new Dictionary<string, System.Security.Cryptography.ECDsa> { [key.KeyId] = key.Key });
            });
        Feed.FeedQueries.AddVideoFields(this);
    }
}

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
        Field<RenderTimingsType>("timings").Description("Where the render's time went, once READY (null for renders made before it was measured).")
            .Resolve(ctx => ctx.Source.RenderTimings is null ? null : ctx.Source);
        Field<NonNullGraphType<VideoStyleType>>("style").Resolve(ctx => ctx.Source.Style);
        Field<ScenePlanType>("scene").Description("What the world model understood of the prompt, once READY (null for the ABSTRACT style, and when an operator's external model renders WORLD).")
            .Resolve(ctx => ctx.Source.Scene);
    }
}

public sealed class ScenePlanType : ObjectGraphType<ScenePlan>
{
    public ScenePlanType()
    {
        Name = "ScenePlan";
        Description = "The scene sora-world-1 planned from the prompt, in its vocabulary (docs/render.md).";
        Field<NonNullGraphType<StringGraphType>>("setting").Resolve(ctx => ctx.Source.Setting);
        Field<NonNullGraphType<StringGraphType>>("timeOfDay").Description("day, sunset or night.").Resolve(ctx => ctx.Source.TimeOfDay);
        Field<NonNullGraphType<StringGraphType>>("weather").Description("sun, fog, rain or snow.").Resolve(ctx => ctx.Source.Weather);
        Field<NonNullGraphType<StringGraphType>>("camera").Description("static, pan, follow, orbit or dolly.").Resolve(ctx => ctx.Source.Camera);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ScenePlanSubjectType>>>>("subjects").Resolve(ctx => ctx.Source.Subjects);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("unknownWords")
            .Description("The prompt's words that found no place in the scene.").Resolve(ctx => ctx.Source.UnknownWords);
    }
}

public sealed class ScenePlanSubjectType : ObjectGraphType<ScenePlanSubject>
{
    public ScenePlanSubjectType()
    {
        Name = "ScenePlanSubject";
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("colour").Resolve(ctx => ctx.Source.Colour);
        Field<NonNullGraphType<StringGraphType>>("size").Description("tiny, small, normal, big or huge.").Resolve(ctx => ctx.Source.Size);
        Field<NonNullGraphType<IntGraphType>>("count").Resolve(ctx => ctx.Source.Count);
        Field<NonNullGraphType<StringGraphType>>("action").Resolve(ctx => ctx.Source.Action);
        Field<IntGraphType>("cameo").Description("For a cameo's figure: which mention of the prompt (0 for the first).").Resolve(ctx => ctx.Source.Cameo);
    }
}

public sealed class RenderTimingsType : ObjectGraphType<Generation>
{
    public RenderTimingsType()
    {
        Name = "RenderTimings";
        Description = "Where a render's time went, in milliseconds. The model, compositing and encoding run at once (frames stream " +
                      "from one to the next), so the stages add up to more than renderMs.";
        // Null only for a render in flight across the upgrade that added it (its start was recorded without the time).
        Field<IntGraphType>("queuedMs").Description("From the request to the start of the render that made the video (queue wait, and earlier attempts).")
            .Resolve(ctx => ctx.Source.RenderStartedAt is { } started ? Milliseconds(started - ctx.Source.RequestedAt) : (int?)null);
        Field<NonNullGraphType<IntGraphType>>("modelMs").Description("The video model rendering the scene (and decoding a remix source).")
            .Resolve(ctx => ctx.Source.RenderTimings!.ModelMs);
        Field<NonNullGraphType<IntGraphType>>("compositingMs").Description("Building each output frame from the scene, the input image and the likenesses.")
            .Resolve(ctx => ctx.Source.RenderTimings!.CompositingMs);
        Field<NonNullGraphType<IntGraphType>>("soundMs").Description("Speech, the picture's motion and the sound design.")
            .Resolve(ctx => ctx.Source.RenderTimings!.SoundMs);
        Field<NonNullGraphType<IntGraphType>>("encodingMs").Description("ffmpeg: the picture as it streams in, the sound muxed in, and the poster.")
            .Resolve(ctx => ctx.Source.RenderTimings!.EncodingMs);
        Field<NonNullGraphType<IntGraphType>>("encoderWaitMs").Description("Of encodingMs, how long the encoder waited for the next frame.")
            .Resolve(ctx => ctx.Source.RenderTimings!.EncoderWaitMs);
        Field<NonNullGraphType<IntGraphType>>("signingMs").Description("Signing the C2PA manifests into the video and the poster.")
            .Resolve(ctx => ctx.Source.RenderTimings!.SigningMs);
        Field<NonNullGraphType<IntGraphType>>("storingMs").Description("Writing the video and the poster to the media store.")
            .Resolve(ctx => ctx.Source.RenderTimings!.StoringMs);
        Field<NonNullGraphType<IntGraphType>>("renderMs").Description("The render from start to stored media.")
            .Resolve(ctx => ctx.Source.RenderTimings!.TotalMs);
        Field<NonNullGraphType<IntGraphType>>("totalMs").Description("From the request to READY, everything included.")
            .Resolve(ctx => Milliseconds(ctx.Source.ReadyAt!.Value - ctx.Source.RequestedAt));
    }

    private static int Milliseconds(TimeSpan span) => (int)Math.Max(0, Math.Round(span.TotalMilliseconds));
}

public sealed class ProvenanceActionType : ObjectGraphType<ProvenanceAction>
{
    public ProvenanceActionType()
    {
        Name = "ProvenanceAction";
        Description = "An action of the manifest's c2pa.actions.v2 assertion.";
        Field(x => x.Action).Description("c2pa.created for every Sora render.");
        Field(x => x.DigitalSourceType, nullable: true).Description("trainedAlgorithmicMedia (IPTC) for generated media.");
        Field(x => x.SoftwareAgent, nullable: true).Description("The model that made it.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("ingredients")
            .Description("The instance ids of the ingredients this action used (the remix source, the input image).").Resolve(ctx => ctx.Source.Ingredients);
    }
}

public sealed class ProvenanceIngredientType : ObjectGraphType<ProvenanceIngredient>
{
    public ProvenanceIngredientType()
    {
        Name = "ProvenanceIngredient";
        Description = "An input named by the manifest (a c2pa.ingredient.v3 assertion).";
        Field(x => x.Relationship).Description("inputTo: an input to the generative model.");
        Field(x => x.Title, nullable: true);
        Field(x => x.Format, nullable: true).Description("Its media type.");
        Field(x => x.InstanceId, nullable: true).Description("sora:video:ID for a remix source, sora:upload:sha256:HASH for an input image.");
        Field(x => x.ActiveManifest, nullable: true).Description("The label of the ingredient's own manifest, carried in this file's store, when it had one.");
        Field<NonNullGraphType<ProvenanceStateType>>("manifestState").Description("The verdict on that manifest (ABSENT when it had none).")
            .Resolve(ctx => ctx.Source.ManifestState);
    }
}

public sealed class ProvenanceStatusType : ObjectGraphType<ProvenanceStatus>
{
    public ProvenanceStatusType()
    {
        Name = "ProvenanceStatus";
        Description = "A C2PA validation status, with the code the specification (and the official reader) uses.";
        Field(x => x.Code).Description("For example assertion.bmffHash.mismatch or signingCredential.untrusted.");
        Field(x => x.Url, nullable: true).Description("The JUMBF URI of what it concerns.");
        Field(x => x.Explanation);
    }
}

public sealed class ProvenanceStateType : EnumerationGraphType<ProvenanceState>
{
    public ProvenanceStateType()
    {
        Name = "ProvenanceState";
        Description = "The verdict, as the official C2PA reader words it: TRUSTED, VALID (intact; the signer is not on this instance's trust list), INVALID, or ABSENT (no manifest).";
    }
}

public sealed class ProvenanceType : ObjectGraphType<ProvenanceReport>
{
    public ProvenanceType()
    {
        Name = "Provenance";
        Description = "The result of validating the file's C2PA manifest store (JUMBF, claim v2, COSE_Sign1 ES256 with an x5chain, BMFF or data hash), as stored now.";
        Field<NonNullGraphType<ProvenanceStateType>>("state").Resolve(ctx => ctx.Source.State);
        Field(x => x.Valid).Description("Intact and signed: TRUSTED or VALID.");
        Field(x => x.ActiveManifest, nullable: true).Description("The active manifest's label (urn:c2pa:...).");
        Field(x => x.Signer, nullable: true).Description("The signing certificate's common name.");
        Field(x => x.Issuer, nullable: true).Description("Who issued it (the instance's own CA for Sora renders).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProvenanceActionType>>>>("actions").Resolve(ctx => ctx.Source.Actions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProvenanceIngredientType>>>>("ingredients").Resolve(ctx => ctx.Source.Ingredients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("receipts").Description("Consent receipt hashes of every cameo in it (org.sora.consent).")
            .Resolve(ctx => ctx.Source.Receipts);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProvenanceStatusType>>>>("failures").Description("Every failed check; empty when TRUSTED.")
            .Resolve(ctx => ctx.Source.Failures);
        Field(x => x.Problem, nullable: true).Description("The first failure in words.");
    }
}

public sealed class VideoType : ObjectGraphType<Generation>
{
    private const int RemixBatch = 200;

    private static async Task<object?> VerifyAsync(IResolveFieldContext<Generation> ctx, string? mediaId) =>
        await ctx.Service<VerifyProvenance>().OfAsync(mediaId, ctx.CancellationToken);

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
        Field<NonNullGraphType<ProvenanceType>>("provenance").Description("Validates the stored MP4's C2PA manifest now.")
            .ResolveAsync(ctx => VerifyAsync(ctx, ctx.Source.VideoMediaId));
        Field<NonNullGraphType<ProvenanceType>>("posterProvenance").Description("Validates the stored poster's C2PA manifest now.")
            .ResolveAsync(ctx => VerifyAsync(ctx, ctx.Source.PosterMediaId));
        Feed.FeedQueries.AddVideoFields(this);
    }
}

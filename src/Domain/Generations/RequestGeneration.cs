using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.Domain.Feed;
using Sora.Domain.Media;
using Wolverine;

namespace Sora.Domain.Generations;

/// <summary>A request for a video. <see cref="ClientRequestId"/> makes retries idempotent (per requester).</summary>
public sealed record RequestGeneration(Actor By, string Prompt, int DurationSeconds, VideoAspect Aspect, VideoResolution Resolution,
    long? Seed, string? ImageMediaId, Guid? RemixOf, string ClientRequestId, VideoStyle Style = VideoStyle.World);

/// <summary>The generation, its price and its place in the render queue; or the refusal.</summary>
public sealed record GenerationRequestResult(Guid? GenerationId, GenerationPrice? Price, int? QueuePosition, Refusal? Refusal)
    : CommandResult(GenerationId, Refusal);

/// <summary>
/// Takes a generation request. Everything is checked before anything is written: input rules, the prompt policy, then every likeness
/// the video will show (an @mention, a face in the input image or remix source, a likeness the remixed video shows),
/// each decided by the one consent decision and recorded as a use with its receipt, then the credits. The uses, the credit spend, the GenerationRequested event and the durable RenderVideo job then commit
/// in one transaction (Wolverine's outbox on the Marten session): a refusal anywhere leaves no trace.
/// </summary>
public static class RequestGenerationHandler
{
    public static async Task<GenerationRequestResult> Handle(RequestGeneration command, IDocumentSession session, IMessageContext bus,
        ILikenessScanner likeness, IMediaStore media, Moderation.IMediaFingerprinter fingerprinter, CreditPolicy credits, PricingPolicy pricing,
        Moderation.PromptPolicy prompts, Text.IPromptEmbedder embedder, TimeProvider clock, CancellationToken ct)
    {
        if (GenerationRules.Validate(command) is { } invalid) return Refused(invalid);
        var requester = command.By.AccountId;
        var id = GenerationRules.IdFor(requester, command.ClientRequestId);

        // A retry of a request that already went through gets the same answer and is not charged again.
        if (await session.LoadAsync<Generation>(id, ct) is { } existing)
        {
            var charged = GenerationPricing.Price(existing.DurationSeconds, existing.Resolution, 0, pricing);
            charged = charged with { Surge = Math.Round((double)existing.Price / charged.Base, 2), Total = existing.Price, QueueDepth = 0 };
            return new GenerationRequestResult(id, charged, await RenderQueueState.PositionAsync(session, existing, ct), null);
        }
        var account = await session.LoadAsync<Account>(requester, ct);
        if (account is null) return Refused(new Refusal(ErrorCodes.Unauthenticated, "Sign in first."));
        var prompt = command.Prompt.Trim();
        var now = clock.GetUtcNow();

        // The instance's prompt policy comes first; a moderator's allowance for this requester and prompt lifts it.
        if (prompts.CategoryOf(prompt) is { } category && !await Moderation.PromptReviews.AllowedAsync(session, prompts, requester, prompt, ct))
            return Refused(new Refusal(Moderation.PromptPolicy.PromptNotAllowed,
                $"This instance does not make videos of this kind ({category}). If that is a mistake, ask for a review (requestPromptReview).", "prompt"));

        // Every likeness the video will show is a use, however it gets in (DESIGN §4 invariant 5): gathered first,
        // one per likeness (the first path that brings it), then each decided and recorded on its cameo's stream.
        var shown = new List<Shown>();
        foreach (var handle in GenerationRules.Mentions(prompt))
        {
            var (_, cameo) = await Likenesses.OfHandleAsync(session, handle, ct);
            if (cameo is null) return Refused(new Refusal(GenerationRules.UnknownCameo, $"@{handle} has no cameo.", "prompt"));
            shown.Add(new Shown(cameo, CameoUsePath.Mention, null, null));
        }

        string? inputPath = null;
        Generation? source = null;
        if (command.ImageMediaId is { } imageId)
        {
            var image = await session.LoadAsync<MediaObject>(MediaObject.KeyFor(MediaKind.Upload, requester, imageId), ct);
            inputPath = image is null ? null : media.LocalPath(image.Sha256);
            if (inputPath is null) return Refused(new Refusal(GenerationRules.InvalidImage, "No such uploaded image of yours.", "image"));
            // Checked at upload, and again here: the image may have been uploaded before what it copies was removed.
            if (await Moderation.StaydownCheck.CheckAsync(session, fingerprinter, media, image!.Sha256,
                    new(Moderation.ReportTarget.Upload, Moderation.Staydown.UploadItemId(requester, image.Sha256), requester, "image"), clock, ct) is { } copy)
                return await RefusedAndRecordedAsync(session, copy, ct);
        }
        if (command.RemixOf is { } sourceId)
        {
            source = await session.LoadAsync<Generation>(sourceId, ct);
            // Public means the visibility read model has it (published, not withdrawn or blocked, consent standing).
            var visible = source is not null && (await session.LoadAsync<FeedVideo>(sourceId, ct) is not null
                || (source.RequesterId == requester && source.Stage == GenerationStage.Ready && source.Publication == Publication.Draft
                    && (await GenerationConsent.CheckAsync(session, source, ct)).Standing != ConsentStanding.Lapsed));
            inputPath = visible ? media.LocalPath(source!.VideoMediaId!) : null;
            if (inputPath is null) return Refused(new Refusal(GenerationRules.RemixUnavailable, "That video cannot be remixed (it is not published, or was withdrawn).", "remixOf"));
            // A source published before what it copies was removed: refused, and its case opened on the source.
            if (await Moderation.StaydownCheck.CheckAsync(session, fingerprinter, media, source!.VideoMediaId!,
                    new(Moderation.ReportTarget.Video, source.Id, source.RequesterId, "remixOf"), clock, ct) is { } copy)
                return await RefusedAndRecordedAsync(session, copy, ct);

            // A remix shows what its source shows: each of the source's likenesses becomes a use of the remix,
            // descended from the source's use, so withdrawing that one withdraws this one.
            foreach (var inherited in source!.Cameos)
            {
                var cameo = await session.LoadAsync<Cameo>(inherited.CameoId, ct);
                if (cameo is null) continue;
                var mentioned = shown.FindIndex(s => s.Cameo.Id == cameo.Id);
                if (mentioned >= 0) shown[mentioned] = shown[mentioned] with { SourceVideoId = source.Id, ParentUseId = inherited.UseId };
                else shown.Add(new Shown(cameo, CameoUsePath.Inherited, source.Id, inherited.UseId));
            }
        }
        if (inputPath is not null)
        {
            // Faces in the input: any verified person found is a use of their likeness, as if mentioned.
            foreach (var match in await likeness.ScanAsync(inputPath, ct))
            {
                // A person who opted out (no account, docs/moderation.md): no right can allow it, for anyone.
                if (match.OptOut)
                    return Refused(new Refusal(Moderation.LikenessOptOuts.OptedOut, "The input shows a person who asked never to appear in a video.",
                        source is null ? "image" : "remixOf"));
                if (shown.Any(s => s.Cameo.Id == match.CameoId)) continue;
                var cameo = await session.LoadAsync<Cameo>(match.CameoId, ct);
                if (cameo is null) continue;
                shown.Add(new Shown(cameo, source is null ? CameoUsePath.InputImage : CameoUsePath.RemixSource, source?.Id, null));
            }
        }

        var cameos = new List<GenerationCameo>();
        foreach (var (cameo, path, sourceVideo, parentUse) in shown)
        {
            var useId = GenerationRules.UseIdFor(id, cameo.Id);
            var handle = (await session.LoadAsync<Account>(cameo.OwnerId, ct))?.Handle ?? "";
            var use = await RecordCameoUseHandler.DecideAsync(new RecordCameoUse(cameo.Id, useId, requester, prompt, path, sourceVideo, parentUse, id),
                session, embedder, clock, ct);
            if (use.Refusal is { } refused) return Refused(Explain(refused, path, handle));
            cameos.Add(new GenerationCameo(cameo.Id, cameo.OwnerId, handle, useId, use.Use!.ReceiptHash, path));
        }
        // Lineage is checked after every cameo stream was fetched for writing: a withdrawal of a source's use that
        // committed before is seen here, and one that commits after fails this transaction's version check (and the
        // retry sees it). So no remix is recorded descending from a use that is already gone.
        var parents = shown.Where(s => s.ParentUseId is not null).Select(s => s.ParentUseId!.Value).ToArray();
        if (parents.Length > 0)
        {
            var standing = (await session.LoadManyAsync<CameoUsage>(ct, parents))
                .Where(u => u.Status != CameoUsageStatus.Withdrawn).Select(u => u.Id).ToHashSet();
            if (parents.Any(p => !standing.Contains(p)))
                return Refused(new Refusal(GenerationRules.RemixUnavailable, "That video cannot be remixed (a likeness it shows was withdrawn).", "remixOf"));
        }

        var price = GenerationPricing.Price(command.DurationSeconds, command.Resolution, await RenderQueueState.DepthAsync(session, ct), pricing);
        var ledger = await session.Events.FetchForWriting<CreditLedger>(CreditLedger.StreamFor(requester), ct);
        var spend = CreditDecisions.Spend(ledger.Aggregate, requester, id, price.Total, credits, now);
        if (spend.Refusal is { } poor) return Refused(poor);
        var charge = (CreditsSpent)spend.Events[0];
        ledger.AppendOne(charge);

        var seed = command.Seed ?? BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(id.ToByteArray()), 0) & 0xFFFFFFFFFFFL;
        session.Events.StartStream<Generation>(id, new GenerationRequested(id, requester, account.Handle, prompt,
            command.DurationSeconds, command.Aspect, command.Resolution, seed, command.ImageMediaId, command.RemixOf, cameos.ToArray(),
            price.Total, charge.FromQuota, charge.FromBalance, charge.QuotaDay, command.ClientRequestId, now, command.Style));
        await bus.SendAsync(new RenderVideo(id));
        await session.SaveChangesAsync(ct);
        return new GenerationRequestResult(id, price, price.QueueDepth + 1, null);
    }

    private static GenerationRequestResult Refused(Refusal refusal) => new(null, null, null, refusal);

    /// <summary>A staydown refusal is the one that leaves a trace: the case it opened (and the input's fingerprint).</summary>
    private static async Task<GenerationRequestResult> RefusedAndRecordedAsync(IDocumentSession session, Refusal refusal, CancellationToken ct)
    {
        await session.SaveChangesAsync(ct);
        return Refused(refusal);
    }

    /// <summary>One likeness the video will show, how it gets in, and the remix lineage it descends from.</summary>
    private sealed record Shown(Cameo Cameo, CameoUsePath Path, Guid? SourceVideoId, Guid? ParentUseId);

    /// <summary>A refused use, said in terms of how the likeness would have entered the video.</summary>
    private static Refusal Explain(Refusal refused, CameoUsePath path, string handle) => path switch
    {
        CameoUsePath.Mention => refused with { Field = "prompt", Message = $"@{handle}: {refused.Message}" },
        CameoUsePath.Inherited => refused with { Field = "remixOf", Message = $"The video you remix shows @{handle}: {refused.Message}" },
        // A face in an upload: whose it is stays unsaid, so a stranger cannot use the check to identify people.
        _ => new Refusal(GenerationRules.LikenessNotConsented, "The input shows a person who has not allowed you to use their likeness.",
            path == CameoUsePath.InputImage ? "image" : "remixOf"),
    };
}

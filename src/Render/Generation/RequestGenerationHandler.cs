using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Cameos;
using Sora.Domain.Common;
using Sora.Domain.Credits;
using Sora.Domain.Generation;
using Sora.Render.Cameos;
using Sora.Render.Media;
using Wolverine;

namespace Sora.Render.Generation;

/// <summary>
/// Takes a generation request. Everything is checked before anything is written: input rules, every @cameo's
/// consent (recorded as a use with its receipt), likeness protection on the input image or remix source, and the
/// credits. The uses, the credit spend, the GenerationRequested event and the durable RenderVideo job then commit
/// in one transaction (Wolverine's outbox on the Marten session): a refusal anywhere leaves no trace.
/// </summary>
public static class RequestGenerationHandler
{
    public static async Task<GenerationRequestResult> Handle(RequestGeneration command, IDocumentSession session, IMessageContext bus,
        LikenessProtection likeness, IMediaStore media, CreditPolicy credits, PricingPolicy pricing, TimeProvider clock, CancellationToken ct)
    {
        if (GenerationRules.Validate(command) is { } invalid) return Refused(invalid);
        var requester = command.By.AccountId;
        var id = GenerationRules.IdFor(requester, command.ClientRequestId);

        // A retry of a request that already went through gets the same answer and is not charged again.
        if (await session.LoadAsync<Domain.Generation.Generation>(id, ct) is { } existing)
        {
            var charged = GenerationPricing.Price(existing.DurationSeconds, existing.Resolution, 0, pricing);
            charged = charged with { Surge = Math.Round((double)existing.Price / charged.Base, 2), Total = existing.Price, QueueDepth = 0 };
            return new GenerationRequestResult(id, charged, await RenderQueueState.PositionAsync(session, existing, ct), null);
        }
        var account = await session.LoadAsync<Account>(requester, ct);
        if (account is null) return Refused(new Refusal(ErrorCodes.Unauthenticated, "Sign in first."));
        var prompt = command.Prompt.Trim();
        var now = clock.GetUtcNow();

        var cameos = new List<GenerationCameo>();
        foreach (var handle in GenerationRules.Mentions(prompt))
        {
            var owner = await session.Query<Account>().FirstOrDefaultAsync(a => a.Handle == handle, ct);
            var cameo = owner is null ? null : await session.Query<Cameo>()
                .Where(c => c.OwnerId == owner.Id && c.Status == CameoStatus.Verified)
                .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            if (owner is null || cameo is null) return Refused(new Refusal(GenerationRules.UnknownCameo, $"@{handle} has no cameo.", "prompt"));
            var useId = GenerationRules.UseIdFor(id, cameo.Id);
            var use = await RecordCameoUseHandler.DecideAsync(new RecordCameoUse(cameo.Id, useId, requester, prompt), session, clock, ct);
            if (use.Refusal is { } refused) return Refused(refused with { Field = "prompt", Message = $"@{handle}: {refused.Message}" });
            cameos.Add(new GenerationCameo(cameo.Id, owner.Id, owner.Handle, useId, use.Receipt!.ReceiptHash));
        }

        string? inputPath = null;
        if (command.ImageMediaId is { } imageId)
        {
            var image = await session.LoadAsync<MediaObject>(MediaObject.KeyFor(MediaKind.Upload, requester, imageId), ct);
            inputPath = image is null ? null : media.LocalPath(image.Sha256);
            if (inputPath is null) return Refused(new Refusal(GenerationRules.InvalidImage, "No such uploaded image of yours.", "image"));
        }
        if (command.RemixOf is { } sourceId)
        {
            var source = await session.LoadAsync<Domain.Generation.Generation>(sourceId, ct);
            // Public means the visibility read model has it (published, not withdrawn or blocked, consent standing).
            var visible = source is not null && (await session.LoadAsync<Sora.Projections.Feed.FeedVideo>(sourceId, ct) is not null
                || (source.RequesterId == requester && source.Stage == GenerationStage.Ready && source.Publication == Publication.Draft));
            inputPath = visible ? media.LocalPath(source!.VideoMediaId!) : null;
            if (inputPath is null) return Refused(new Refusal(GenerationRules.RemixUnavailable, "That video cannot be remixed (it is not published, or was withdrawn).", "remixOf"));
        }
        if (inputPath is not null)
        {
            // Any verified person in the input needs to have allowed this requester, as for an @mention.
            var check = await likeness.CheckAsync(inputPath, requester, prompt, ct);
            if (check.Refused)
                return Refused(new Refusal(LikenessCheck.RefusalCode, "The input shows a person who has not allowed you to use their likeness.",
                    command.ImageMediaId is null ? "remixOf" : "image"));
        }

        var price = GenerationPricing.Price(command.DurationSeconds, command.Resolution, await RenderQueueState.DepthAsync(session, ct), pricing);
        var ledger = await session.Events.FetchForWriting<CreditLedger>(CreditLedger.StreamFor(requester), ct);
        var spend = CreditDecisions.Spend(ledger.Aggregate, requester, id, price.Total, credits, now);
        if (spend.Refusal is { } poor) return Refused(poor);
        var charge = (CreditsSpent)spend.Events[0];
        ledger.AppendOne(charge);

        var seed = command.Seed ?? BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(id.ToByteArray()), 0) & 0xFFFFFFFFFFFL;
        session.Events.StartStream<Domain.Generation.Generation>(id, new GenerationRequested(id, requester, account.Handle, prompt,
            command.DurationSeconds, command.Aspect, command.Resolution, seed, command.ImageMediaId, command.RemixOf, cameos.ToArray(),
            price.Total, charge.FromQuota, charge.FromBalance, charge.QuotaDay, command.ClientRequestId, now));
        await bus.SendAsync(new RenderVideo(id));
        await session.SaveChangesAsync(ct);
        return new GenerationRequestResult(id, price, price.QueueDepth + 1, null);
    }

    private static GenerationRequestResult Refused(Refusal refusal) => new(null, null, null, refusal);
}

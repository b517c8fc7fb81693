using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

public sealed record PublishVideo(Actor By, Guid GenerationId);

/// <summary>
/// The requester publishes a finished draft. Consent is checked again: a lapsed use blocks the video for good (and
/// the answer says so); uses waiting for an owner's approval keep it pending (ReviewCameoGenerations publishes it once
/// they are approved).
/// </summary>
public static class PublishVideoDecider
{
    public static Decision<object> Decide(PublishVideo command, Generation? generation, ConsentCheck consent, DateTimeOffset now)
    {
        if (generation is null || generation.RequesterId != command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such generation of yours.");
        if (generation.Stage != GenerationStage.Ready || generation.Publication != Publication.Draft)
            return Decision<object>.Refuse(GenerationRules.NotPublishable, "Only a finished draft can be published.");
        return consent.Standing switch
        {
            ConsentStanding.Lapsed => Decision<object>.RefuseAndRecord(
                new Refusal(Cameos.RecordCameoUseDecider.ConsentRequired, $"@{consent.Lapsed!.Handle} no longer allows this video; it is blocked."),
                GenerationConsent.Block(generation, consent.Lapsed, now)),
            ConsentStanding.AwaitingApproval => Decision<object>.Accept(new VideoAwaitingApproval(generation.Id, consent.Pending, now)),
            _ => Decision<object>.Accept(new VideoPublished(generation.Id, command.By.AccountId, now)),
        };
    }
}

public static class PublishVideoHandler
{
    public static async Task<CommandResult> Handle(PublishVideo command, IDocumentSession session, Moderation.IMediaFingerprinter fingerprinter,
        Media.IMediaStore media, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        // Staydown, before anything becomes public: every way content enters a video (prompt, image, remix) ends in this
        // rendered file, and publishing is the only way it goes out (an approval-mode video was checked here too).
        if (stream.Aggregate is { Stage: GenerationStage.Ready, Publication: Publication.Draft, VideoMediaId: { } video } draft
            && draft.RequesterId == command.By.AccountId
            && await Moderation.StaydownCheck.CheckAsync(session, fingerprinter, media, video,
                new(Moderation.ReportTarget.Video, draft.Id, draft.RequesterId, "generationId"), clock, ct) is { } copy)
        {
            await session.SaveChangesAsync(ct);
            return CommandResult.No(copy);
        }
        var consent = stream.Aggregate is { } generation ? await GenerationConsent.CheckAsync(session, generation, ct) : ConsentCheck.AllStanding;
        var decision = PublishVideoDecider.Decide(command, stream.Aggregate, consent, clock.GetUtcNow());
        return await GenerationStreams.CommitAsync(session, stream, decision, ct);
    }
}

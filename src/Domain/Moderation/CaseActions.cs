using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Moderation;

/// <summary>
/// What every moderator action checks first (pure): the actor moderates; the case exists; nobody acts on their own
/// content or on a case they reported (a second moderator must).
/// </summary>
public static class CaseActions
{
    public const string NotActionable = "NOT_ACTIONABLE";

    public static Refusal? Check(Actor actor, ModerationCase? @case)
    {
        if (!ModerationPolicy.MayModerate(actor)) return new Refusal(ErrorCodes.Forbidden, "Only moderators act on cases.");
        if (@case is null) return new Refusal(ErrorCodes.NotFound, "No such case.", "caseId");
        if (@case.AuthorId == actor.AccountId) return new Refusal(ErrorCodes.Forbidden, "Another moderator must act on your own content.");
        if (@case.Reporters.Contains(actor.AccountId)) return new Refusal(ErrorCodes.Forbidden, "Another moderator must act on a case you reported.");
        return null;
    }

    /// <summary>Appends the case's events and those on the item's own stream, and answers with the case. A removal's
    /// staydown job goes out on <paramref name="bus"/> in the same transaction (Wolverine's outbox).</summary>
    public static async Task<CommandResult> CommitAsync(IDocumentSession session, JasperFx.Events.IEventStream<ModerationCase> stream,
        Decision<object> decision, CancellationToken ct, Wolverine.IMessageBus? bus = null)
    {
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        if (decision.Events.Count == 0) return CommandResult.Ok(stream.Id);
        foreach (var e in decision.Events)
        {
            switch (e)
            {
                // The item's own stream: the video's generation (its visibility follows, inline), or the comment.
                case Generations.VideoTakenDown down: session.Events.Append(down.GenerationId, down); break;
                case Generations.VideoReinstated back: session.Events.Append(back.GenerationId, back); break;
                case Generations.VideoLabelled labelled: session.Events.Append(labelled.GenerationId, labelled); break;
                case Generations.VideoAgeRestricted restricted: session.Events.Append(restricted.GenerationId, restricted); break;
                case Generations.VideoAgeRestrictionLifted lifted: session.Events.Append(lifted.GenerationId, lifted); break;
                case Generations.VideoLabelsLifted lifted: session.Events.Append(lifted.GenerationId, lifted); break;
                case Feed.CommentDeleted deleted: session.Events.Append(deleted.CommentId, deleted); break;
                default: stream.AppendOne(e); break;
            }
        }
        await Staydown.FollowAsync(session, bus, decision.Events, ct);
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(stream.Id);
    }
}

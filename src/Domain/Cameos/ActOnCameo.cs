using Marten;
using Sora.Domain.Common;
using Sora.Domain.Privacy;

namespace Sora.Domain.Cameos;

/// <summary>What an owner does with their cameo beyond consent rules: forget it, or decide about one use.</summary>
public enum OwnerAction
{
    Delete,
    ApproveUse,
    DeclineUse,
    RemoveUse,
}

public sealed record ActOnCameo(Actor By, Guid CameoId, OwnerAction Action, Guid? UseId = null);

public static class ActOnCameoDecider
{
    /// <param name="use">The use (null when it does not exist).</param>
    /// <param name="byLinkedParent">Whether the actor is a linked parent of the owner, a teen today: a parent may remove or
    /// decline any use of the teen's likeness, as the owner can (docs/parental.md), but not delete the cameo or approve uses.</param>
    public static Decision<object> Decide(ActOnCameo command, Cameo? cameo, CameoUsage? use, DateTimeOffset now, bool byLinkedParent = false)
    {
        var asParent = byLinkedParent && cameo is { Status: not CameoStatus.Deleted } && command.Action is OwnerAction.RemoveUse or OwnerAction.DeclineUse;
        if (cameo is null || !(cameo.IsManagedBy(command.By.AccountId) || asParent))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such cameo of yours.", "cameoId");
        // Each action decides in its own file; they share the owner check, the use lookup and the handler.
        var by = command.By.AccountId;
        if (command.Action == OwnerAction.Delete) return DeleteCameo.Decide(cameo, by, now);

        if (use is null || use.CameoId != cameo.Id) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such use of this cameo.", "useId");
        // Removed or declined by the owner already: nothing more to do. A use that lapsed (its right ended) can still be
        // removed or declined, so the owner's own act is in the history too.
        if (use.ClosedByOwner) return Decision<object>.Accept();
        return command.Action switch
        {
            OwnerAction.RemoveUse => RemoveCameoUse.Decide(cameo, use, by, now),
            OwnerAction.ApproveUse => ApproveCameoUse.Decide(cameo, use, by, now),
            OwnerAction.DeclineUse => DeclineCameoUse.Decide(cameo, use, by, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Action, null),
        };
    }
}

public static class ActOnCameoHandler
{
    public static async Task<CommandResult> Handle(ActOnCameo command, IDocumentSession session, Wolverine.IMessageContext bus, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Cameo>(command.CameoId, ct);
        var use = command.UseId is { } useId ? await session.LoadAsync<CameoUsage>(useId, ct) : null;
        var now = clock.GetUtcNow();
        var byParent = stream.Aggregate is { } cameo && cameo.OwnerId != command.By.AccountId
                       && command.Action is OwnerAction.RemoveUse or OwnerAction.DeclineUse
                       && await Parental.TeenLikeness.IsParentOfAsync(session, vault, command.By.AccountId, cameo.OwnerId, DateOnly.FromDateTime(now.UtcDateTime), ct);
        var decision = ActOnCameoDecider.Decide(command, stream.Aggregate, use, now, byParent);
        if (decision.Refusal is { } refusal) return new CommandResult(null, refusal);
        if (decision.Events.Count == 0) return new CommandResult(command.CameoId, null);
        stream.AppendMany(decision.Events);
        if (command.Action == OwnerAction.Delete) await DeleteCameo.ShredAsync(session, vault, command.CameoId, ct);
        // Declines, removals and deletion block the videos concerned; approvals publish the ones waiting.
        await bus.SendAsync(new Generations.ReviewCameoGenerations(command.CameoId));
        await session.SaveChangesAsync(ct);
        return new CommandResult(command.CameoId, null);
    }
}

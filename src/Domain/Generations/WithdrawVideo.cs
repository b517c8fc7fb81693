using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Common;

namespace Sora.Domain.Generations;

public sealed record WithdrawVideo(Actor By, Guid GenerationId);

/// <summary>The creator, or a moderator, takes a finished video down (draft or published).</summary>
public static class WithdrawVideoDecider
{
    public static Decision<object> Decide(WithdrawVideo command, Generation? generation, DateTimeOffset now)
    {
        var moderator = command.By.Has(AccountRole.Moderator) || command.By.IsAdmin;
        // Someone else's video looks like no video, unless a moderator asks.
        if (generation is null || (generation.RequesterId != command.By.AccountId && !moderator))
            return Decision<object>.Refuse(ErrorCodes.NotFound, "No such generation of yours.");
        if (generation.Stage != GenerationStage.Ready || generation.Publication is Publication.Withdrawn)
            return Decision<object>.Refuse(GenerationRules.NotPublishable, "Only a finished, not yet withdrawn video can be withdrawn.");
        return Decision<object>.Accept(new VideoWithdrawn(generation.Id, command.By.AccountId, now));
    }
}

public static class WithdrawVideoHandler
{
    public static async Task<CommandResult> Handle(WithdrawVideo command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Generation>(command.GenerationId, ct);
        return await GenerationStreams.CommitAsync(session, stream, WithdrawVideoDecider.Decide(command, stream.Aggregate, clock.GetUtcNow()), ct);
    }
}

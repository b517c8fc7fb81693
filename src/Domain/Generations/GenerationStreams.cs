using JasperFx.Events;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Cameos;
using Sora.Domain.Credits;

namespace Sora.Domain.Generations;

/// <summary>
/// Where each event a generation decider returns belongs: a refund on the requester's credit ledger, a rendered use on
/// its cameo's stream, the rest on the generation's own stream. Deciders stay pure and say what happened; this says where.
/// </summary>
public static class GenerationStreams
{
    public static void Append(IDocumentSession session, IEventStream<Generation> stream, IEnumerable<object> events)
    {
        foreach (var e in events)
        {
            switch (e)
            {
                case CreditsRefunded refund:
                    session.Events.Append(CreditLedger.StreamFor(refund.AccountId), refund);
                    break;
                case CameoUseRendered rendered:
                    session.Events.Append(rendered.CameoId, rendered);
                    break;
                default:
                    stream.AppendOne(e);
                    break;
            }
        }
    }

    /// <summary>Appends what was decided (a refusal that records a fact, such as a block, is committed too) and answers.</summary>
    public static async Task<CommandResult> CommitAsync(IDocumentSession session, IEventStream<Generation> stream, Decision<object> decision,
        CancellationToken ct)
    {
        if (decision.Events.Count > 0)
        {
            Append(session, stream, decision.Events);
            await session.SaveChangesAsync(ct);
        }
        return decision.Refusal is { } refusal ? CommandResult.No(refusal) : CommandResult.Ok(stream.Id);
    }
}

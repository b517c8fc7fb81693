using Marten;
using Sora.Domain.Privacy;

namespace Sora.Domain.Cameos;

/// <summary>A deleted account's cameos are deleted as their owner would delete them: every use is withdrawn with them.</summary>
public sealed class CameosEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var session = erasure.Session;
        var owned = await session.Query<Cameo>().Where(c => c.OwnerId == erasure.AccountId && c.Status != CameoStatus.Deleted)
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in owned)
        {
            var stream = await session.Events.FetchForWriting<Cameo>(id, ct);
            if (stream.Aggregate is not { } cameo) continue;
            stream.AppendMany(DeleteCameo.Decide(cameo, erasure.AccountId, erasure.Now).Events);
            await DeleteCameo.ShredAsync(session, erasure.Vault, id, ct);
            // As deleteCameo: the generations showing it are reviewed once this commits (their uses are withdrawn inline).
            await erasure.Bus.SendAsync(new Generations.ReviewCameoGenerations(id));
        }
    }
}

using Marten;
using Sora.Domain.Privacy;

namespace Sora.Domain.Parental;

/// <summary>A deleted account's parent–teen links end (as an unlink by it), and its pending invites close.</summary>
public sealed class FamilyEraser : IAccountEraser
{
    public async Task EraseAsync(AccountErasure erasure, CancellationToken ct)
    {
        var me = erasure.AccountId;
        var session = erasure.Session;
        var streams = await session.Query<Guardianship>()
            .Where(g => g.TeenId == me || g.Parents.Contains(me) || g.Invites.Any(i => i.ParentId == me)).Select(g => g.Id).ToListAsync(ct);
        foreach (var id in streams)
        {
            var stream = await session.Events.FetchForWriting<Guardianship>(id, ct);
            if (stream.Aggregate is not { } state) continue;
            var asTeen = state.TeenId == me;
            var events = new List<object>();
            foreach (var parent in state.Parents.Where(p => asTeen || p == me)) events.Add(new ParentUnlinked(state.TeenId, parent, me, erasure.Now));
            foreach (var invite in state.Invites.Where(i => asTeen || i.ParentId == me))
                events.Add(new ParentLinkInviteClosed(state.TeenId, invite.ParentId, invite.InviteId, me, erasure.Now));
            if (events.Count > 0) stream.AppendMany(events);
        }
    }
}

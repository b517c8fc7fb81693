using JasperFx.Events.Projections;
using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Messaging;

public sealed class MessagingFeature : IStoreFeature, IUserErrorFeature
{
    public IEnumerable<string> UserErrorCodes => MessagingErrors.All;

    public void Configure(StoreOptions opts)
    {
        MessagingEventTypes.Register(opts);
        // Inline: every decision reads the conversation, and the lists read it, in the writing transaction's state.
        opts.Projections.Snapshot<Conversation>(SnapshotLifecycle.Inline);
        opts.Projections.Add<MessagingRecordsProjection>(ProjectionLifecycle.Inline);
        // The list: "Listed @> [me]" (GIN), newest activity first; the hourly limit counts by starter and time.
        opts.Schema.For<Conversation>().GinIndexJsonData().Duplicate(c => c.LastSeq).Duplicate(c => c.StartedBy).Duplicate(c => c.StartedAt);
        // A conversation's page by sequence; a sender's last minute.
        opts.Schema.For<MessageRecord>().Duplicate(m => m.ConversationId).Duplicate(m => m.Seq).Duplicate(m => m.SenderId).Duplicate(m => m.SentAt);
        opts.Schema.For<DirectPair>().Duplicate(p => p.ConversationId);
    }
}

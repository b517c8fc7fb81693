using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Sora.Domain.Messaging;

/// <summary>Inline: a retry, the sender's limits, the pair's one live conversation and read marks are decided against these.</summary>
public partial class MessagingRecordsProjection : EventProjection
{
    public void Project(IEvent<MessageSent> e, IDocumentOperations ops) => ops.Store(new MessageRecord
    {
        Id = e.Data.MessageId, ConversationId = e.Data.ConversationId, SenderId = e.Data.SenderId, RecipientIds = e.Data.RecipientIds,
        HasText = e.Data.HasText, SharedVideoId = e.Data.SharedVideoId, SentAt = e.Data.At, Seq = e.Sequence,
    });

    public void Project(ConversationStarted e, IDocumentOperations ops)
    {
        if (!e.IsGroup && e.Members.Length == 2)
            ops.Store(new DirectPair { Id = Conversation.PairIdFor(e.Members[0], e.Members[1]), ConversationId = e.ConversationId });
    }

    public void Project(ConversationDeleted e, IDocumentOperations ops) => ops.DeleteWhere<DirectPair>(p => p.ConversationId == e.ConversationId);
}

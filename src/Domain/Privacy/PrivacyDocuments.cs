namespace Sora.Domain.Privacy;

/// <summary>
/// A subject's data key, wrapped (AES-GCM) under the instance master key. Deleting this document is
/// "forget me": every <see cref="SealedRecord"/> of the subject becomes unreadable, while the events,
/// which only ever held ids, stay valid and replayable.
/// </summary>
public sealed class SubjectKey
{
    public Guid Id { get; set; }
    public byte[] WrappedKey { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One piece of personal data sealed under its subject's key. Id = "{kind}/{subjectId}", or "{kind}/{subjectId}/{recordKey}".</summary>
public sealed class SealedRecord
{
    public string Id { get; set; } = "";
    public Guid SubjectId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>For one of many records of a kind under one subject (a conversation's messages): which one.</summary>
    public Guid? RecordKey { get; set; }
    public byte[] Sealed { get; set; } = [];
}

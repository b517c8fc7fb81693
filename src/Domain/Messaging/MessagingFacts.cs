using Marten;
using Sora.Domain.Accounts;
using Sora.Domain.Parental;
using Sora.Domain.Privacy;
using Sora.Domain.Social;

namespace Sora.Domain.Messaging;

/// <summary>One recipient as <see cref="DirectMessageRules"/> sees it.</summary>
public sealed record RecipientFacts(MessagingParty Party, Between Between);

/// <summary>
/// Everything the rules need about a sender and the other members, read in the deciding transaction with three batched
/// reads (relationships, the vault's birth dates, guardianships), whatever the group's size.
/// </summary>
public sealed record MessagingFacts(MessagingParty Sender, IReadOnlyDictionary<Guid, RecipientFacts> Recipients)
{
    public static async Task<MessagingFacts> LoadAsync(IQuerySession session, PersonalDataVault vault, Guid sender, IReadOnlyCollection<Guid> others,
        DateTimeOffset now, CancellationToken ct)
    {
        var everyone = others.Append(sender).Distinct().ToArray();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var teens = await Age.TeensAmongAsync(session, vault, everyone, today, ct);
        // Controls count only for teens, so only teens' guardianships are read.
        var guardianships = teens.Count == 0 ? new Dictionary<Guid, Guardianship>()
            : (await session.LoadManyAsync<Guardianship>(ct, teens.Select(Guardianship.StreamFor).ToArray())).ToDictionary(g => g.TeenId);
        var relationships = (await session.LoadManyAsync<Relationship>(ct, others.Select(o => Relationship.IdFor(sender, o)).ToArray()))
            .ToDictionary(r => r.Id);

        MessagingParty Party(Guid id) =>
            new(id, teens.Contains(id), guardianships.TryGetValue(id, out var g) && g.HasParents ? g.Controls : null);

        return new MessagingFacts(Party(sender), others.Distinct().ToDictionary(o => o,
            o => new RecipientFacts(Party(o), Between.Of(relationships.GetValueOrDefault(Relationship.IdFor(sender, o)), sender, o))));
    }
}

/// <summary>A conversation's texts in the vault: the conversation is the subject, each message one record under its key.</summary>
public static class MessageTexts
{
    public const string Kind = "message";

    public static Task SealAsync(IDocumentSession session, PersonalDataVault vault, Guid conversationId, Guid messageId, string text, CancellationToken ct) =>
        vault.SealAsync(session, conversationId, Kind, messageId, text, ct);

    /// <summary>The texts of a page of one conversation's messages, in one round trip; missing for erased or shredded ones.</summary>
    public static Task<IReadOnlyDictionary<Guid, string>> OpenAsync(IQuerySession session, PersonalDataVault vault, Guid conversationId,
        IReadOnlyCollection<Guid> messageIds, CancellationToken ct) =>
        vault.OpenRecordsAsync<string>(session, conversationId, Kind, messageIds, ct);
}

using Marten;
using Sora.Domain.Common;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;

namespace Sora.Domain.Messaging;

/// <summary>
/// A moderator opens the text of a reported message. A member of the conversation reported it, so its words are the
/// case's evidence; every opening is recorded (which moderator read which message), as reporters' own words are.
/// </summary>
public sealed record ReadReportedMessage(Actor By, Guid CaseId);

/// <summary>The message's text (null once it was erased or its conversation shredded), or why not.</summary>
public sealed record ReportedMessageText(Guid? MessageId, string? Text, Refusal? Refusal) : CommandResult(MessageId, Refusal);

/// <summary>Pure: moderators and admins, never on a case about their own message, only MESSAGE cases.</summary>
public static class ReadReportedMessageDecider
{
    public static Decision<object> Decide(ReadReportedMessage command, ModerationCase? @case, DateTimeOffset now)
    {
        if (!ModerationPolicy.MayModerate(command.By)) return Decision<object>.Refuse(ErrorCodes.Forbidden, "Only moderators read reported messages.");
        if (@case is not { Target: ReportTarget.Message }) return Decision<object>.Refuse(ErrorCodes.NotFound, "No such case.", "caseId");
        if (@case.AuthorId == command.By.AccountId)
            return Decision<object>.Refuse(ErrorCodes.Forbidden, "Another moderator reads the reports on your own messages.");
        return Decision<object>.Accept(new ReportedMessageRead(@case.Id, @case.TargetId, command.By.AccountId, now));
    }
}

public static class ReadReportedMessageHandler
{
    public static async Task<ReportedMessageText> Handle(ReadReportedMessage command, IDocumentSession session, PersonalDataVault vault,
        TimeProvider clock, CancellationToken ct)
    {
        var @case = await session.LoadAsync<ModerationCase>(command.CaseId, ct);
        var decision = ReadReportedMessageDecider.Decide(command, @case, clock.GetUtcNow());
        if (decision.Refusal is { } refusal) return new ReportedMessageText(null, null, refusal);
        var message = await session.LoadAsync<MessageRecord>(@case!.TargetId, ct);
        var text = message is { HasText: true }
            ? (await MessageTexts.OpenAsync(session, vault, message.ConversationId, [message.Id], ct)).GetValueOrDefault(message.Id)
            : null;
        // Its own stream per reading: two moderators reading at once never contend on a version.
        session.Events.StartStream(Guid.CreateVersion7(), decision.Events.ToArray());
        await session.SaveChangesAsync(ct);
        return new ReportedMessageText(message?.Id, text, null);
    }
}

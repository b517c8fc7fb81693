using Sora.Domain.Common;
using Sora.Domain.Parental;

namespace Sora.Domain.Messaging;

/// <summary>The published limits of direct messages (docs/messaging.md). Checked before any work is done.</summary>
public static class MessagingLimits
{
    public const int MaxTextLength = 2_000;
    /// <summary>Members of a group, the starter included.</summary>
    public const int MaxGroupMembers = 32;
    /// <summary>Messages one account sends per minute, over all its conversations.</summary>
    public const int MessagesPerMinute = 30;
    /// <summary>New conversations (message requests included) one account starts per hour.</summary>
    public const int ConversationsPerHour = 20;
    /// <summary>Messages the starter of a request may send before it is accepted: the one that asks.</summary>
    public const int MessagesWhilePending = 1;
    public const int MaxClientRequestId = 100;
}

public static class MessagingErrors
{
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>The request is not accepted yet: the starter has sent the one message a request carries.</summary>
    public const string RequestPending = "REQUEST_PENDING";
    /// <summary>The recipient declined the request: nothing more can be sent into it.</summary>
    public const string RequestDeclined = "REQUEST_DECLINED";
    /// <summary>Decline needs an open request addressed to you.</summary>
    public const string NoRequest = "NO_REQUEST";
    /// <summary>The recipient does not take messages from you (a teen's default or a parent's policy); never says which.</summary>
    public const string NotAcceptingMessages = "NOT_ACCEPTING_MESSAGES";
    /// <summary>The sender is a teen whose parent's policy does not allow this conversation.</summary>
    public const string ParentalPolicy = "PARENTAL_POLICY";
    /// <summary>The sender is a teen inside the quiet hours a parent set.</summary>
    public const string QuietHours = "QUIET_HOURS";
    /// <summary>Only accounts that follow you can be put in a group (their follow is their consent to be added).</summary>
    public const string NotFollowing = "NOT_FOLLOWING";
    /// <summary>Leaving is for groups; a one-to-one conversation is deleted instead.</summary>
    public const string NotAGroup = "NOT_A_GROUP";
    /// <summary>No member of the group can receive this message (everyone else left, or blocks or rules keep them from it).</summary>
    public const string NoRecipients = "NO_RECIPIENTS";

    public static readonly string[] All =
        [RateLimited, RequestPending, RequestDeclined, NoRequest, NotAcceptingMessages, ParentalPolicy, QuietHours, NotFollowing, NotAGroup, NoRecipients];
}

/// <summary>
/// One side of a message as the rules see it: whether the account is a teen today (from its sealed birth date) and the
/// controls a linked parent set (null without a link).
/// </summary>
public sealed record MessagingParty(Guid AccountId, bool IsTeen, ParentalControls? Controls)
{
    public static MessagingParty Adult(Guid id) => new(id, false, null);
}

/// <summary>What stands between the sender and one recipient (their Relationship stream).</summary>
public sealed record Between(bool SenderFollowsRecipient, bool RecipientFollowsSender, bool SenderBlocksRecipient, bool RecipientBlocksSender)
{
    public static readonly Between Strangers = new(false, false, false, false);

    public static Between Of(Social.Relationship? relationship, Guid sender, Guid recipient) => relationship is null
        ? Strangers
        : new(relationship.Follows(sender), relationship.Follows(recipient), relationship.Blocks(sender), relationship.Blocks(recipient));
}

/// <summary>
/// The one rule for whether a sender may message a recipient now, for starting a conversation and for every message
/// (pure; docs/messaging.md "Who may message whom"). First match refuses:
/// <list type="number">
/// <item>the recipient blocks the sender: FORBIDDEN (as follow answers); the sender blocks the recipient: BLOCKED;</item>
/// <item>the sender is a teen in a parent's quiet hours: QUIET_HOURS;</item>
/// <item>the sender is a teen whose parent's policy excludes the recipient: PARENTAL_POLICY;</item>
/// <item>the recipient is a teen whose parent's policy excludes the sender, or, by default, an adult the teen does not
/// follow: NOT_ACCEPTING_MESSAGES (which never says which, nor that the recipient is a teen).</item>
/// </list>
/// A policy: Nobody excludes everyone; Mutuals admits accounts the teen follows and that follow the teen; Following
/// admits accounts the teen follows. Controls count only while the account is a teen.
/// </summary>
public static class DirectMessageRules
{
    public static Refusal? Check(MessagingParty sender, MessagingParty recipient, Between between, DateTimeOffset now)
    {
        if (between.RecipientBlocksSender) return new Refusal(ErrorCodes.Forbidden, "This account is not available to you.");
        if (between.SenderBlocksRecipient) return new Refusal(ErrorCodes.Blocked, "You block this account; unblock it to message it.", "memberIds");
        if (sender.IsTeen && sender.Controls?.QuietHours is { } quiet && quiet.Covers(now))
            return new Refusal(MessagingErrors.QuietHours, "Messages are paused during your quiet hours.");
        if (sender.IsTeen && sender.Controls?.DirectMessages is { } own
            && !Admits(own, teenFollows: between.SenderFollowsRecipient, followsTeen: between.RecipientFollowsSender))
            return new Refusal(MessagingErrors.ParentalPolicy, "Your parent's settings do not allow messaging this account.");
        if (recipient.IsTeen)
        {
            var admitted = recipient.Controls?.DirectMessages is { } theirs
                ? Admits(theirs, teenFollows: between.RecipientFollowsSender, followsTeen: between.SenderFollowsRecipient)
                : sender.IsTeen || between.RecipientFollowsSender;
            if (!admitted) return new Refusal(MessagingErrors.NotAcceptingMessages, "This account does not take messages from you.");
        }
        return null;
    }

    /// <summary>Whether a parent's policy admits the other account.</summary>
    public static bool Admits(DirectMessagePolicy policy, bool teenFollows, bool followsTeen) => policy switch
    {
        DirectMessagePolicy.Nobody => false,
        DirectMessagePolicy.Mutuals => teenFollows && followsTeen,
        DirectMessagePolicy.Following => teenFollows,
        _ => false,
    };
}

/// <summary>What a message may hold: some text (trimmed, at most 2,000 characters, plain) or a shared video, or both.</summary>
public static class MessageContent
{
    public static Refusal? CheckClientRequestId(string? clientRequestId) =>
        clientRequestId is { Length: 0 or > MessagingLimits.MaxClientRequestId }
            ? new Refusal(ErrorCodes.BadUserInput, $"clientRequestId must be 1 to {MessagingLimits.MaxClientRequestId} characters.", "clientRequestId")
            : null;

    public static Refusal? Check(string? text, Guid? sharedVideoId, string? clientRequestId)
    {
        if (CheckClientRequestId(clientRequestId) is { } bad) return bad;
        if (text is null) return sharedVideoId is null ? new Refusal(ErrorCodes.BadUserInput, "Say something or share a video.", "text") : null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0 && sharedVideoId is null) return new Refusal(ErrorCodes.BadUserInput, "A message cannot be empty.", "text");
        if (trimmed.Length > MessagingLimits.MaxTextLength)
            return new Refusal(ErrorCodes.BadUserInput, $"A message can be at most {MessagingLimits.MaxTextLength} characters.", "text");
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            return new Refusal(ErrorCodes.BadUserInput, "A message must be plain text.", "text");
        return null;
    }

    /// <summary>The text to seal: trimmed, null when there is none.</summary>
    public static string? Normalized(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A message's id: from the sender and the client's request id when there is one (a retry meets the first send).</summary>
    public static Guid IdFor(Guid sender, string? clientRequestId) =>
        clientRequestId is null ? Guid.CreateVersion7() : DeterministicGuid.From("message|" + clientRequestId, sender);
}

using System.Collections.Frozen;
using GraphQLParser.AST;
using Sora.Domain.Moderation;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Moderation;

/// <summary>
/// What a suspended or banned account may still do: read, protect itself, take its own things down, and appeal. The
/// rule is an allow-list checked once per request, before anything runs, on every transport (HTTP, WebSocket, the
/// upload endpoints): a mutation added later is refused to restricted accounts until someone decides it belongs here.
/// </summary>
public static class RestrictedAccounts
{
    public const string Code = "ACCOUNT_RESTRICTED";

    /// <summary>Mutations a restricted account keeps. Each one narrows what it shows or shares, or is how it answers back.</summary>
    public static readonly FrozenSet<string> MayStillUse = new[]
    {
        "signIn",
        // Safety: blocking and unfollowing, and reporting someone who harasses them.
        "block", "unblock", "unfollow", "report", "requestTakedown",
        // Family: ending a link or refusing one is protective, never a way to reach others.
        "declineParentLink", "withdrawTeenInvite", "unlinkFamily",
        // Consent: their likeness stays theirs to withdraw.
        "setCameoAudience", "revokeCameoGrant", "blockFromCameo", "setCameoRestrictions", "setCameoApprovalMode", "deactivateCameo", "deleteCameo",
        "declineCameoUse", "removeCameoUse",
        // Their own content, down only.
        "cancelGeneration", "withdrawVideo", "deleteComment",
        // Their conversations, down only: out of a request, a group or a conversation, and read marks.
        "declineMessageRequest", "leaveConversation", "deleteConversation", "markConversationRead",
        // Their feed, for themselves.
        "recordView", "seeLess", "notInterested", "hide", "setPersonalization", "setDailyScrollCap", "disconnectAssistantHistory",
        // The way out: leaving with one's data is never withheld.
        "deleteAccount", "cancelAccountDeletion", "exportMyData",
        // The way back.
        "appeal", "fileCounterNotice", "requestPromptReview",
    }.ToFrozenSet();

    /// <summary>The refusal for a restricted viewer's mutation that is not on the list, or null.</summary>
    public static SoraError? Check(Viewer viewer, GraphQLDocument? document, string? operationName)
    {
        if (viewer.Actor?.Restriction is not { } restriction || document is null) return null;
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>();
        var operation = operationName is { } name ? operations.FirstOrDefault(o => o.Name?.StringValue == name) : operations.FirstOrDefault();
        if (operation is not { Operation: OperationType.Mutation }) return null;
        // A fragment at the top of a mutation could hide any field: only plain fields on the list pass.
        var refused = operation.SelectionSet.Selections.FirstOrDefault(s =>
            s is not GraphQLField field || (field.Name.StringValue != "__typename" && !MayStillUse.Contains(field.Name.StringValue)));
        return refused is null ? null : Refusal(restriction, (refused as GraphQLField)?.Name.StringValue);
    }

    public static SoraError Refusal(AccountRestriction restriction, string? what = null)
    {
        var doing = what is null ? "That" : $"'{what}'";
        var message = restriction.Banned
            ? $"{doing} is not open to a banned account. You may appeal (myModerationCases, appeal)."
            : $"{doing} is not open to this account until {restriction.Until:u}. You may appeal (myModerationCases, appeal).";
        return new SoraError(Code, message)
        {
            Details = new Dictionary<string, object?> { ["banned"] = restriction.Banned, ["restrictedUntil"] = restriction.Banned ? null : restriction.Until },
        };
    }
}

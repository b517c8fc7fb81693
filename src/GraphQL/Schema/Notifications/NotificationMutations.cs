using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Notifications;

/// <summary>The notifications feature's mutations, and the settings payload they share.</summary>
public static class NotificationMutations
{
    public static void Add(ObjectGraphType mutation)
    {
        MarkNotificationsReadMutation.Add(mutation);
        SetNotificationPreferencesMutation.Add(mutation);
        MuteAccountMutation.Add(mutation);
        UnmuteAccountMutation.Add(mutation);
    }

    public static async Task<NotificationSettingsOutcome> OutcomeAsync(IResolveFieldContext ctx, Guid account, CommandResult result)
    {
        var errors = Refusals.ToUserErrors(result.Refusal);
        return new NotificationSettingsOutcome(errors.Count == 0 ? await InboxQueries.SettingsAsync(ctx, account) : null, errors);
    }
}

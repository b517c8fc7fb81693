using GraphQL;
using GraphQL.Types;
using Sora.Domain.Common;
using Sora.Domain.Notifications;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Notifications;

public sealed class NotificationPreferenceInputType : InputObjectGraphType
{
    public NotificationPreferenceInputType()
    {
        Name = "NotificationPreferenceInput";
        Field<NonNullGraphType<UserEventKindType>>("kind").Description("One of notificationSettings.configurableKinds.");
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Description("false: this kind is neither kept in your inbox nor pushed.");
    }
}

public sealed class SetNotificationPreferencesInputType : InputObjectGraphType
{
    public SetNotificationPreferencesInputType()
    {
        Name = "SetNotificationPreferencesInput";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NotificationPreferenceInputType>>>>("preferences").Description("Each kind at most once.");
    }
}

public sealed record NotificationSettingsOutcome(Domain.Notifications.NotificationSettings? Settings, IReadOnlyList<Refusal> Errors);

public abstract class NotificationSettingsPayloadType : ObjectGraphType<NotificationSettingsOutcome>
{
    protected NotificationSettingsPayloadType(string name, string description)
    {
        Name = name;
        Description = description;
        Field<NotificationSettingsType>("settings").Description("Your settings after the change.").Resolve(ctx => ctx.Source.Settings);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class SetNotificationPreferencesPayloadType() : NotificationSettingsPayloadType("SetNotificationPreferencesPayload", "Your notification settings, or user errors.");

/// <summary>setNotificationPreferences: switches inbox kinds on or off, several at once.</summary>
public static class SetNotificationPreferencesMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SetNotificationPreferencesPayloadType>>("setNotificationPreferences")
            .Description("Switches notification kinds on or off. A kind that is off is neither stored in your inbox nor pushed on userEvents; " +
                         "live-only kinds (GENERATION_UPDATED, CAMEO_USE_REMOVED) cannot be switched off (BAD_USER_INPUT).")
            .Argument<NonNullGraphType<SetNotificationPreferencesInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var preferences = ((IEnumerable<object?>)input["preferences"]!).Cast<Dictionary<string, object?>>()
                    .Select(p => new NotificationPreference((NotificationKind)p["kind"]!, (bool)p["enabled"]!)).ToList();
                var result = await ctx.SendAsync<CommandResult>(new SetNotificationPreferences(actor, preferences));
                return await NotificationMutations.OutcomeAsync(ctx, actor.AccountId, result);
            });
}

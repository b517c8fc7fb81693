using GraphQL;
using GraphQL.Types;
using Marten;
using Sora.Domain.Common;
using Sora.Domain.Parental;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Schema.Parental;

public sealed class SetParentalControlsInputType : InputObjectGraphType
{
    public SetParentalControlsInputType()
    {
        Name = "SetParentalControlsInput";
        Description = "Only the controls named change; give one as null to clear it.";
        Field<NonNullGraphType<IdGraphType>>("teenId").Description("The teen you are a linked parent of.");
        Field<IntGraphType>("dailyItemCap").Description($"Feed items per UTC day, 1 to {ParentalControls.MaxItemCap}.");
        Field<IntGraphType>("dailyMinuteCap").Description($"Minutes watched per UTC day, 1 to {ParentalControls.MaxMinuteCap}.");
        Field<BooleanGraphType>("personalizationOff").Description("true: the For You feed uses recency and popularity only.");
        Field<IntGraphType>("sessionPageLimit").Description($"Continuous scroll off: pages per feed session, 1 to {ParentalControls.MaxSessionPages}.");
        Field<QuietHoursInputType>("quietHours").Description("When the feed is closed and the teen cannot send messages.");
        Field<DirectMessagePolicyType>("directMessages").Description("Who may message the teen, and whom the teen may message.");
    }
}

public sealed record ParentalControlsChange(ParentalControls? Controls, IReadOnlyList<Refusal> Errors);

public sealed class SetParentalControlsPayloadType : ObjectGraphType<ParentalControlsChange>
{
    public SetParentalControlsPayloadType()
    {
        Name = "SetParentalControlsPayload";
        Field<ParentalControlsType>("controls").Description("The teen's controls after the change.").Resolve(ctx => ctx.Source.Controls);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

/// <summary>setParentalControls: a linked parent sets a teen's controls; the teen and anyone else are refused.</summary>
public static class SetParentalControlsMutation
{
    public static void Add(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SetParentalControlsPayloadType>>("setParentalControls")
            .Description("Sets a teen's controls, as one of its linked parents (FORBIDDEN for anyone else, the teen included). " +
                         "The server enforces each one (docs/parental.md).")
            .Argument<NonNullGraphType<SetParentalControlsInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.RequireActor();
                var input = ctx.GetArgument<Dictionary<string, object?>>("input");
                var teen = ResolveContextExtensions.ParseId(input["teenId"]?.ToString(), "teenId");
                ControlChange<T>? Change<T>(string field, Func<object?, T> parse) =>
                    input.TryGetValue(field, out var value) ? new ControlChange<T>(parse(value)) : null;
                var command = new SetParentalControls(actor, teen,
                    Change("dailyItemCap", v => (int?)v),
                    Change("dailyMinuteCap", v => (int?)v),
                    input.TryGetValue("personalizationOff", out var off) ? (bool?)off ?? false : null,
                    Change("sessionPageLimit", v => (int?)v),
                    Change("quietHours", v => v is IDictionary<string, object?> q ? QuietHoursInputType.Parse(q) : null),
                    Change("directMessages", v => (DirectMessagePolicy?)v));
                var result = await ctx.SendAsync<CommandResult>(command);
                var errors = Refusals.ToUserErrors(result.Refusal);
                await using var session = ctx.Service<IDocumentStore>().QuerySession();
                var state = await session.LoadAsync<Guardianship>(Guardianship.StreamFor(teen), ctx.CancellationToken);
                return new ParentalControlsChange(state?.Controls ?? ParentalControls.None, errors);
            });
}

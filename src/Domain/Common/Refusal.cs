namespace Sora.Domain.Common;

/// <summary>
/// A decider's typed "no". Deciders return refusals instead of throwing so the transport can turn
/// them into typed user errors without guessing from exception types.
/// </summary>
/// <param name="Code">A stable machine-readable code (see <see cref="ErrorCodes"/>).</param>
/// <param name="Message">A human-readable explanation; never contains personal data.</param>
/// <param name="Field">The input field at fault, when one is.</param>
public sealed record Refusal(string Code, string Message, string? Field = null);

/// <summary>
/// The outcome of a decision: events to append, or a refusal. Both only where the refusal itself is a fact to record
/// (<see cref="RefuseAndRecord"/>: a publish that finds consent lapsed refuses and blocks the video for good).
/// </summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, Refusal? Refusal)
{
    public bool Refused => Refusal is not null;

    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);
    public static Decision<TEvent> Refuse(string code, string message, string? field = null) =>
        new([], new Refusal(code, message, field));
    public static Decision<TEvent> RefuseAndRecord(Refusal refusal, params TEvent[] events) => new(events, refusal);
}

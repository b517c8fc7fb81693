namespace Sora.Domain.Common;

/// <summary>
/// The answer of every command that decides: the id of what it made or changed (when there is one), or the refusal.
/// A command already in effect (a repeated like, a revoked grant revoked again) answers with no refusal: retries are free.
/// The two commands that answer more than an id extend it (a generation request: its price and queue place; a cameo
/// use: its receipt and, when refused, the consent reason).
/// </summary>
public record CommandResult(Guid? Id, Refusal? Refusal)
{
    public static readonly CommandResult Done = new(null, null);
    public static CommandResult Ok(Guid? id) => new(id, null);
    public static CommandResult No(Refusal refusal) => new(null, refusal);
    public static CommandResult Refuse(string code, string message, string? field = null) => new(null, new Refusal(code, message, field));
}

using Marten;
using Sora.Domain.Common;

namespace Sora.Domain.Privacy;

/// <summary>The account asks for an archive of its data (docs/privacy.md, "Exporting your data").</summary>
public sealed record ExportMyData(Actor By);

public static class ExportMyDataDecider
{
    /// <param name="startedToday">Exports the account started in the last 24 hours.</param>
    public static Decision<object> Decide(Guid account, Guid exportId, int startedToday, int perDay, DateTimeOffset now) =>
        startedToday >= perDay
            ? Decision<object>.Refuse(PrivacyErrors.TooManyExports, $"At most {perDay} exports a day; the last ones are still listed in myDataExports.")
            : Decision<object>.Accept(new DataExportRequested(exportId, account, now));
}

public static class ExportMyDataHandler
{
    public static async Task<CommandResult> Handle(ExportMyData command, IDocumentSession session, Wolverine.IMessageContext bus, PrivacyPolicy policy,
        TimeProvider clock, CancellationToken ct)
    {
        var account = command.By.AccountId;
        var now = clock.GetUtcNow();
        // Each export reads all the account's data and media: the daily bound is exact under the account's lock.
        await AdvisoryLock.AcquireAsync(session, AdvisoryLock.Exporter, account, ct);
        var since = now.AddDays(-1);
        var today = await session.Query<DataExport>().CountAsync(e => e.AccountId == account && e.RequestedAt > since, ct);
        var exportId = Guid.CreateVersion7();
        var decision = ExportMyDataDecider.Decide(account, exportId, today, policy.ExportsPerDay, now);
        if (decision.Refusal is { } refusal) return CommandResult.No(refusal);
        session.Events.StartStream<DataExport>(exportId, decision.Events.ToArray());
        await bus.SendAsync(new BuildDataExport(exportId, account));
        await session.SaveChangesAsync(ct);
        return CommandResult.Ok(exportId);
    }
}

public static class PrivacyErrors
{
    public const string TooManyExports = "TOO_MANY_EXPORTS";
}

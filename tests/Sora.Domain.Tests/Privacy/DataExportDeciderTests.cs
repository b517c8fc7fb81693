using Sora.Domain.Common;
using Sora.Domain.Privacy;
using Xunit;

namespace Sora.Domain.Tests.Privacy;

public sealed class DataExportDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Id = Guid.NewGuid();
    private static readonly DataExport Building = DataExport.Create(new DataExportRequested(Id, Owner, Now));
    private static readonly DataExport Ready = Building.Apply(new DataExportReady(Id, Owner, "archive", 10, Now.AddHours(24), Now));

    [Fact]
    public void Exports_are_bounded_per_day()
    {
        Assert.Equal([new DataExportRequested(Id, Owner, Now)], ExportMyDataDecider.Decide(Owner, Id, 2, 3, Now).Events);
        Assert.Equal(PrivacyErrors.TooManyExports, ExportMyDataDecider.Decide(Owner, Id, 3, 3, Now).Refusal?.Code);
    }

    [Fact]
    public void A_build_reports_once_and_not_after_its_export_closed()
    {
        Assert.Equal([new DataExportReady(Id, Owner, "archive", 10, Now.AddHours(24), Now)],
            FinishDataExportDecider.Decide(new FinishDataExport(Id, "archive", 10, null), Building, TimeSpan.FromHours(24), Now).Events);
        Assert.IsType<DataExportFailed>(Assert.Single(FinishDataExportDecider.Decide(new FinishDataExport(Id, null, 0, "X"), Building, TimeSpan.FromHours(24), Now).Events));
        Assert.Empty(FinishDataExportDecider.Decide(new FinishDataExport(Id, "again", 10, null), Ready, TimeSpan.FromHours(24), Now).Events);
        var closed = Building.Apply(new DataExportClosed(Id, Owner, true, Now));
        Assert.Empty(FinishDataExportDecider.Decide(new FinishDataExport(Id, "late", 10, null), closed, TimeSpan.FromHours(24), Now).Events);
    }

    [Fact]
    public void Only_its_account_downloads_it_once_before_it_expires()
    {
        Assert.Equal([new DataExportClosed(Id, Owner, false, Now)], CloseDataExportDecider.Decide(new CloseDataExport(Id, Owner, false), Ready, Now).Events);
        Assert.Equal(ErrorCodes.NotFound, CloseDataExportDecider.Decide(new CloseDataExport(Id, Guid.NewGuid(), false), Ready, Now).Refusal?.Code);
        Assert.Equal(ErrorCodes.NotFound, CloseDataExportDecider.Decide(new CloseDataExport(Id, Owner, false), Ready, Now.AddHours(25)).Refusal?.Code);
        var downloaded = Ready.Apply(new DataExportClosed(Id, Owner, false, Now));
        Assert.Equal(DataExportStatus.Downloaded, downloaded.Status);
        Assert.Equal(ErrorCodes.NotFound, CloseDataExportDecider.Decide(new CloseDataExport(Id, Owner, false), downloaded, Now).Refusal?.Code);
        Assert.Equal(DataExportStatus.Expired, Ready.Apply((DataExportClosed)CloseDataExportDecider.Decide(new CloseDataExport(Id, null, true), Ready, Now.AddHours(25)).Events[0]).Status);
    }
}

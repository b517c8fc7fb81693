namespace Sora.Domain.Privacy;

/// <summary>Instance settings of the right to leave (Sora:Privacy): the deletion grace period and an export link's life.</summary>
public sealed class PrivacyPolicy
{
    public TimeSpan DeletionGrace { get; init; } = TimeSpan.FromDays(14);
    public TimeSpan ExportLifetime { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Exports one account may start per day: each reads all its data and media.</summary>
    public int ExportsPerDay { get; init; } = 3;
}

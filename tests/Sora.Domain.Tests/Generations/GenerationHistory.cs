using Sora.Domain.Accounts;
using Sora.Domain.Common;
using Sora.Domain.Generations;

namespace Sora.Domain.Tests.Generations;

/// <summary>A point in a generation's life, reached by folding the events that lead there.</summary>
public enum Life
{
    Queued,
    Rendering,
    Draft,
    PendingApproval,
    Published,
    Withdrawn,
    Failed,
    Cancelled,
    /// <summary>Blocked while queued or rendering (refunded).</summary>
    BlockedInProgress,
    /// <summary>Blocked after the render had finished (paid).</summary>
    BlockedAfterRender,
}

/// <summary>
/// One generation's stream for the lifecycle decider tests: its request, the events that follow, and the aggregate folded
/// from them through <see cref="Generation.Create"/> and the public <c>Apply</c> methods (never hand-set state).
/// </summary>
public sealed class GenerationHistory
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    /// <summary>The quota day the price was taken on: the day before <see cref="Now"/>, so a refund that used today is caught.</summary>
    public static readonly DateOnly QuotaDay = new(2026, 11, 30);
    private static readonly DateTimeOffset Requested = Now.AddMinutes(-10);

    public Guid Id { get; } = Guid.NewGuid();
    public Guid Requester { get; } = Guid.NewGuid();
    public GenerationCameo[] Cameos { get; }
    public GenerationRequested Request { get; }

    public GenerationHistory(int fromQuota = 2, int fromBalance = 5, VideoAspect aspect = VideoAspect.Portrait9x16,
        VideoResolution resolution = VideoResolution.Hd720, int durationSeconds = 10, GenerationCameo[]? cameos = null)
    {
        Cameos = cameos ?? [Cameo("ann"), Cameo("bob")];
        Request = new GenerationRequested(Id, Requester, "carol", "@ann and @bob juggle", durationSeconds, aspect, resolution, 42, null, null,
            Cameos, fromQuota + fromBalance, fromQuota, fromBalance, QuotaDay, "client-1", Requested);
    }

    public static GenerationCameo Cameo(string handle) => new(Guid.NewGuid(), Guid.NewGuid(), handle, Guid.NewGuid(), "receipt-" + handle);

    public static Actor As(Guid who, params AccountRole[] roles) => new(who, roles.Append(AccountRole.User).ToHashSet());

    public Actor Creator => As(Requester);

    // The events of this stream.
    public RenderStarted Started(int attempt = 1) => new(Id, Requester, attempt, "worker-" + attempt, Requested.AddMinutes(attempt));
    public GenerationRendered Rendered() =>
        new(Id, Requester, "sha-video", "sha-poster", 720, 1280, Request.DurationSeconds, 1234, "sha-manifest", "builtin", "cpu", Requested.AddMinutes(5));
    public GenerationFailed Failed() => new(Id, Requester, "RENDER_FAILED", "boom", Requested.AddMinutes(5));
    public GenerationCancelled Cancelled() => new(Id, Requester, Requester, Requested.AddMinutes(5));
    public GenerationBlocked Blocked() => new(Id, Requester, GenerationConsent.ConsentLapsed, Cameos.FirstOrDefault()?.CameoId, Requested.AddMinutes(6));
    public VideoAwaitingApproval Awaiting() => new(Id, Cameos.Select(c => c.UseId).ToArray(), Requested.AddMinutes(7));
    public VideoPublished Published() => new(Id, Requester, Requested.AddMinutes(7));
    public VideoWithdrawn Withdrawn() => new(Id, Requester, Requested.AddMinutes(8));

    /// <summary>The request, then these events, folded.</summary>
    public Generation Fold(params object[] events) => Apply(Generation.Create(Request), events);

    public static Generation Apply(Generation generation, IEnumerable<object> events)
    {
        foreach (var e in events) generation = e switch
        {
            RenderStarted x => generation.Apply(x),
            GenerationRendered x => generation.Apply(x),
            GenerationFailed x => generation.Apply(x),
            GenerationCancelled x => generation.Apply(x),
            GenerationBlocked x => generation.Apply(x),
            VideoAwaitingApproval x => generation.Apply(x),
            VideoPublished x => generation.Apply(x),
            VideoWithdrawn x => generation.Apply(x),
            // Written to other streams (the ledger, the cameo): the generation does not fold them.
            Sora.Domain.Credits.CreditsRefunded or Sora.Domain.Cameos.CameoUseRendered => generation,
            _ => throw new ArgumentException(e.GetType().Name),
        };
        return generation;
    }

    public Generation At(Life life) => life switch
    {
        Life.Queued => Fold(),
        Life.Rendering => Fold(Started()),
        Life.Draft => Fold(Started(), Rendered()),
        Life.PendingApproval => Fold(Started(), Rendered(), Awaiting()),
        Life.Published => Fold(Started(), Rendered(), Published()),
        Life.Withdrawn => Fold(Started(), Rendered(), Published(), Withdrawn()),
        Life.Failed => Fold(Started(), Failed()),
        Life.Cancelled => Fold(Cancelled()),
        Life.BlockedInProgress => Fold(Started(), Blocked()),
        Life.BlockedAfterRender => Fold(Started(), Rendered(), Blocked()),
        _ => throw new ArgumentOutOfRangeException(nameof(life)),
    };

    /// <summary>The refund this generation is owed: its own quota/balance split and quota day, at <paramref name="at"/>.</summary>
    public Sora.Domain.Credits.CreditsRefunded Refund(DateTimeOffset at) => new(Requester, Id, Request.FromQuota, Request.FromBalance, QuotaDay, at);

    public ConsentCheck LapsedOn(GenerationCameo cameo) => new(ConsentStanding.Lapsed, cameo, []);
    public ConsentCheck AwaitingApproval => new(ConsentStanding.AwaitingApproval, null, Cameos.Select(c => c.UseId).ToArray());

    /// <summary>A check with this standing (a lapse names the first cameo).</summary>
    public ConsentCheck Consent(ConsentStanding standing) => standing switch
    {
        ConsentStanding.Standing => ConsentCheck.AllStanding,
        ConsentStanding.AwaitingApproval => AwaitingApproval,
        _ => LapsedOn(Cameos[0]),
    };
}

using Sora.Domain.Cameos;
using Xunit;

namespace Sora.Domain.Tests.Cameos;

/// <summary>
/// What a recorded use (RecordCameoUse's receipt) does to the cameo it is appended to: it counts, chains the next receipt,
/// uses up its grant and waits for approval when the owner asked for that. (The decision itself is ConsentDecision's.)
/// </summary>
public sealed class CameoUseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid CameoId = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Friend = Guid.NewGuid();
    private static readonly Guid GrantId = Guid.NewGuid();

    private static Cameo Verified() => Cameo.Create(new CameoVerificationStarted(CameoId, Owner, "p", Now))
        .Apply(new CameoRecordingReceived(CameoId, Owner, "a", 1, Now)).Apply(new CameoVerified(CameoId, Owner, Now));

    private static CameoUseAuthorized Use(Guid? grant, bool pending, string hash) =>
        new(CameoId, Owner, Guid.NewGuid(), Friend, grant is null ? ConsentRightKind.Audience : ConsentRightKind.Grant, grant, CameoAudience.Everyone, 1, 0,
            "d", pending, ConsentReceipts.Genesis, hash, Now);

    [Fact]
    public void A_use_counts_chains_the_next_receipt_and_uses_up_its_grant_only()
    {
        var other = Guid.NewGuid();
        var cameo = Verified()
            .Apply(new CameoAccessGranted(CameoId, GrantId, Friend, null, 2, Owner, Now))
            .Apply(new CameoAccessGranted(CameoId, other, Guid.NewGuid(), null, 2, Owner, Now));
        Assert.Equal(ConsentReceipts.Genesis, cameo.LastReceiptHash);

        var once = cameo.Apply(Use(GrantId, pending: false, "h1"));
        Assert.Equal((1, "h1"), (once.Uses, once.LastReceiptHash));
        Assert.Equal(new[] { 1, 0 }, once.Grants.Select(g => g.Uses));
        Assert.NotNull(once.ValidGrantFor(Friend, Now));

        var twice = once.Apply(Use(GrantId, pending: false, "h2"));
        Assert.Equal((2, "h2"), (twice.Uses, twice.LastReceiptHash));
        Assert.Null(twice.ValidGrantFor(Friend, Now)); // MaxUses 2: used up
        Assert.Equal(ConsentRefusalReason.GrantExhausted,
            ConsentDecision.Decide(twice, Friend, "a walk", new SocialFacts(false, false), Now, null).Refusal);
    }

    [Fact]
    public void A_pending_use_waits_until_the_owner_answers_it()
    {
        var pending = Use(null, pending: true, "h1");
        var standing = Use(null, pending: false, "h2");
        var cameo = Verified().Apply(pending).Apply(standing);
        Assert.Equal([pending.UseId], cameo.PendingUses);
        Assert.Empty(cameo.Apply(new CameoUseDeclined(CameoId, pending.UseId, Owner, Now)).PendingUses);
        Assert.Empty(cameo.Apply(new CameoUseRemoved(CameoId, pending.UseId, Owner, Now)).PendingUses);
        Assert.Equal([pending.UseId], cameo.Apply(new CameoUseRemoved(CameoId, standing.UseId, Owner, Now)).PendingUses);
    }

    [Theory]
    [InlineData(null, null, false, false, true)]
    [InlineData(1, null, true, false, false)]
    [InlineData(null, 2, false, true, false)]
    [InlineData(null, 3, false, false, true)]
    public void A_grant_is_valid_until_it_expires_is_used_up_or_is_revoked(int? expiresInDays, int? maxUses, bool expired, bool exhausted, bool valid)
    {
        var grant = new CameoGrant(GrantId, Friend, Now.AddDays(-5), expiresInDays is { } d ? Now.AddDays(-5 + d) : null, maxUses, 2, null);
        Assert.Equal((expired, exhausted, valid), (grant.IsExpired(Now), grant.IsExhausted, grant.IsValid(Now)));
        Assert.False((grant with { RevokedAt = Now }).IsValid(Now));
    }
}

using Sora.GraphQL.Auth;
using Xunit;

namespace Sora.Host.Tests.Auth;

/// <summary>The throttle's own rules, on a clock the test moves (the HTTP behaviour is in the integration tests).</summary>
public sealed class CredentialThrottleTests
{
    /// <summary>The delay on a clock the test moves: it grows, a success clears it, idle entries are forgotten.</summary>
    [Fact]
    public void The_account_delay_doubles_after_the_free_failures_and_a_success_clears_it()
    {
        var clock = new ManualClock();
        using var throttle = new CredentialThrottle(new ThrottleOptions { FreeFailuresPerAccount = 2, MaxAccountDelaySeconds = 10 }, clock);
        var key = CredentialThrottle.KeyOf(Guid.NewGuid(), "x");
        Assert.Null(throttle.BeginSignIn(key));
        Assert.Null(throttle.BeginSignIn(key));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.BeginSignIn(key));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(throttle.BeginSignIn(key));
        Assert.Equal(TimeSpan.FromSeconds(2), throttle.BeginSignIn(key));
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            Assert.Null(throttle.BeginSignIn(key));
        }
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.BeginSignIn(key)); // capped
        throttle.Succeeded(key);
        Assert.Null(throttle.BeginSignIn(key));
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Null(throttle.BeginSignIn(key)); // idle for over an hour: counting starts again
        Assert.Null(throttle.BeginSignIn(key));
    }

    [Fact]
    public async Task Concurrent_guesses_are_counted_before_any_is_checked()
    {
        using var throttle = new CredentialThrottle(new ThrottleOptions(), TimeProvider.System);
        var key = CredentialThrottle.KeyOf(Guid.NewGuid(), "x");
        var admitted = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => throttle.BeginSignIn(key) is null)));
        Assert.Equal(new ThrottleOptions().FreeFailuresPerAccount, admitted.Count(a => a));
    }

    [Fact]
    public void Ipv6_clients_share_a_bucket_per_64()
    {
        Assert.Equal(CredentialThrottle.PartitionOf(System.Net.IPAddress.Parse("2001:db8:1:2:aaaa::1")),
            CredentialThrottle.PartitionOf(System.Net.IPAddress.Parse("2001:db8:1:2:ffff:1:2:3")));
        Assert.NotEqual(CredentialThrottle.PartitionOf(System.Net.IPAddress.Parse("2001:db8:1:2::1")),
            CredentialThrottle.PartitionOf(System.Net.IPAddress.Parse("2001:db8:1:3::1")));
        Assert.Equal("198.51.100.7", CredentialThrottle.PartitionOf(System.Net.IPAddress.Parse("::ffff:198.51.100.7")));
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;

namespace Sora.GraphQL.Auth;

/// <summary>Sora:Auth:Throttle. Per node: each API node keeps its own counts (see docs/graphql.md).</summary>
public sealed class ThrottleOptions
{
    /// <summary>Sign-in attempts a client address may burst, and how many it regains per minute.</summary>
    public int SignInBurstPerAddress { get; set; } = 10;
    public int SignInsPerMinutePerAddress { get; set; } = 10;
    /// <summary>Sign-ups a client address may burst, and how many it regains per hour.</summary>
    public int SignUpBurstPerAddress { get; set; } = 10;
    public int SignUpsPerHourPerAddress { get; set; } = 10;
    /// <summary>Takedown requests (no account needed, so the address is all there is to limit) a client address may
    /// burst, and how many it regains per hour.</summary>
    public int TakedownBurstPerAddress { get; set; } = 5;
    public int TakedownsPerHourPerAddress { get; set; } = 5;
    /// <summary>Likeness opt-outs (no account: started, and recordings uploaded, each cost a token; every recording costs a
    /// verification on a worker) a client address may burst, and how many it regains per hour.</summary>
    public int OptOutBurstPerAddress { get; set; } = 5;
    public int OptOutsPerHourPerAddress { get; set; } = 5;
    /// <summary>Wrong passwords an account takes before each further attempt must wait: 1 s, then doubling.</summary>
    public int FreeFailuresPerAccount { get; set; } = 5;
    public int MaxAccountDelaySeconds { get; set; } = 15 * 60;
    /// <summary>Addresses never throttled by address (an operator's own monitors); accounts are throttled all the same.</summary>
    public string[] ExemptAddresses { get; set; } = [];
}

/// <summary>
/// Throttles credential checks (PBKDF2 at 600,000 iterations costs about 0.35 s of CPU each): per client address with
/// ASP.NET Core's token-bucket rate limiter, and per account with a growing delay. After
/// <see cref="ThrottleOptions.FreeFailuresPerAccount"/> wrong passwords, each further attempt on that account must
/// wait 1 s, 2 s, 4 s, ... (at most <see cref="ThrottleOptions.MaxAccountDelaySeconds"/>) after the last failure, and
/// until then it is refused without checking, the right password included; a success clears the count. Unknown
/// logins are counted by a hash of the login, so they behave like accounts and tell nothing. Kept in memory,
/// bounded: the failure table forgets entries idle for an hour and never holds more than 100,000. IPv6 clients share a
/// bucket per /64.
/// </summary>
public sealed class CredentialThrottle : IDisposable
{
    private const int MaxTrackedAccounts = 100_000;
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);

    private readonly ThrottleOptions _options;
    private readonly TimeProvider _clock;
    private readonly HashSet<IPAddress> _exempt;
    private readonly PartitionedRateLimiter<string> _signIns;
    private readonly PartitionedRateLimiter<string> _signUps;
    private readonly PartitionedRateLimiter<string> _takedowns;
    private readonly PartitionedRateLimiter<string> _optOuts;
    private readonly Dictionary<string, Failures> _failures = new();

    private sealed record Failures(int Count, DateTimeOffset Last);

    public CredentialThrottle(ThrottleOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _exempt = options.ExemptAddresses.Select(IPAddress.Parse).ToHashSet();
        _signIns = Buckets(options.SignInBurstPerAddress, options.SignInsPerMinutePerAddress, TimeSpan.FromMinutes(1));
        _signUps = Buckets(options.SignUpBurstPerAddress, options.SignUpsPerHourPerAddress, TimeSpan.FromHours(1));
        _takedowns = Buckets(options.TakedownBurstPerAddress, options.TakedownsPerHourPerAddress, TimeSpan.FromHours(1));
        _optOuts = Buckets(options.OptOutBurstPerAddress, options.OptOutsPerHourPerAddress, TimeSpan.FromHours(1));
    }

    private static PartitionedRateLimiter<string> Buckets(int burst, int perPeriod, TimeSpan period) =>
        PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            // One token at a time, every period / perPeriod: a client waits for one token, not for a whole period.
            TokensPerPeriod = 1,
            ReplenishmentPeriod = period / Math.Max(1, perPeriod),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when this address may try a sign-in now, else how long until it may.</summary>
    public TimeSpan? SignInByAddress(IPAddress? address) => Take(_signIns, address, TimeSpan.FromMinutes(1) / Math.Max(1, _options.SignInsPerMinutePerAddress));

    /// <summary>Null when this address may sign up now, else how long until it may.</summary>
    public TimeSpan? SignUpByAddress(IPAddress? address) => Take(_signUps, address, TimeSpan.FromHours(1) / Math.Max(1, _options.SignUpsPerHourPerAddress));

    /// <summary>Null when this address may file a takedown request now, else how long until it may.</summary>
    public TimeSpan? TakedownByAddress(IPAddress? address) =>
        Take(_takedowns, address, TimeSpan.FromHours(1) / Math.Max(1, _options.TakedownsPerHourPerAddress));

    /// <summary>Null when this address may start an opt-out or upload its recording now, else how long until it may.</summary>
    public TimeSpan? OptOutByAddress(IPAddress? address) =>
        Take(_optOuts, address, TimeSpan.FromHours(1) / Math.Max(1, _options.OptOutsPerHourPerAddress));

    private TimeSpan? Take(PartitionedRateLimiter<string> limiter, IPAddress? address, TimeSpan fallback)
    {
        if (address is not null && _exempt.Contains(address)) return null;
        using var lease = limiter.AttemptAcquire(PartitionOf(address));
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
    }

    /// <summary>
    /// Null when the account (or unknown login) may be checked now, and the attempt is then counted as a failure until
    /// <see cref="Succeeded"/> says otherwise; else how long until it may. Check and count are one step, so concurrent
    /// guesses cannot all pass the check before any of them is counted.
    /// </summary>
    public TimeSpan? BeginSignIn(string key)
    {
        var now = _clock.GetUtcNow();
        lock (_failures)
        {
            if (_failures.TryGetValue(key, out var failures) && now - failures.Last <= Forget && failures.Count >= _options.FreeFailuresPerAccount)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(_options.MaxAccountDelaySeconds, Math.Pow(2, failures.Count - _options.FreeFailuresPerAccount)));
                var wait = failures.Last + delay - now;
                if (wait > TimeSpan.Zero) return wait;
            }
            if (_failures.Count >= MaxTrackedAccounts) Prune(now);
            _failures[key] = failures is null || now - failures.Last > Forget ? new Failures(1, now) : new Failures(failures.Count + 1, now);
            return null;
        }
    }

    public void Succeeded(string key)
    {
        lock (_failures) _failures.Remove(key);
    }

    /// <summary>
    /// The bucket of an address: an IPv4 address, or an IPv6 /64 (one subscriber's network: its owner can pick any of
    /// 2^64 addresses in it, so a per-address bucket would be no limit at all).
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The key of an account, or of a login that names none (hashed: the table holds no handle or email).</summary>
    public static string KeyOf(Guid? account, string login) =>
        account is { } id ? id.ToString("N") : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(login.Trim().ToLowerInvariant())));

    /// <summary>Under the table's lock.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _failures.Where(kv => now - kv.Value.Last > Forget).Select(kv => kv.Key).ToList()) _failures.Remove(key);
        // Still full (a flood of distinct logins within the hour): the oldest half goes.
        if (_failures.Count >= MaxTrackedAccounts)
            foreach (var key in _failures.OrderBy(kv => kv.Value.Last).Take(_failures.Count / 2).Select(kv => kv.Key).ToList())
                _failures.Remove(key);
    }

    public void Dispose()
    {
        _signIns.Dispose();
        _signUps.Dispose();
        _takedowns.Dispose();
        _optOuts.Dispose();
    }
}

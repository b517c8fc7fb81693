using Microsoft.AspNetCore.Http;
using Sora.GraphQL.Schema.Feed;
using Xunit;

namespace Sora.Host.Tests.Feed;

/// <summary>Which region a request comes from: the GeoIP test database, and X-Forwarded-For only from trusted proxies.</summary>
public sealed class ClientRegionTests
{
    private static string GeoIpDatabase => Path.Combine(
        Environment.GetEnvironmentVariable("SORA_FIXTURES") ?? throw new InvalidOperationException("SORA_FIXTURES is not set: run the tests through ./sora test."),
        "geoip", "GeoIP2-City-Test.mmdb");

    [Fact]
    public void X_Forwarded_For_is_believed_only_from_trusted_proxies()
    {
        using var trusting = new ClientRegion(new NetworkOptions { TrustedProxies = ["10.0.0.0/8"], GeoIpDatabase = GeoIpDatabase });
        using var suspicious = new ClientRegion(new NetworkOptions { GeoIpDatabase = GeoIpDatabase });
        using var blind = new ClientRegion(new NetworkOptions { TrustedProxies = ["10.0.0.0/8"] });
        HttpContext Request(string remote, string forwarded)
        {
            var http = new DefaultHttpContext();
            http.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(remote);
            http.Request.Headers["X-Forwarded-For"] = forwarded;
            return http;
        }

        Assert.Equal("GB", trusting.RegionOf(Request("10.0.0.5", "81.2.69.142")));
        // A client spoofing the header through the proxy: the proxy appends the real address, which wins.
        Assert.Equal("SE", trusting.RegionOf(Request("10.0.0.5", "81.2.69.142, 89.160.20.112")));
        // Straight from the internet: the header is the client's own claim and is ignored.
        Assert.Equal("SE", suspicious.RegionOf(Request("89.160.20.112", "81.2.69.142")));
        Assert.Null(blind.RegionOf(Request("10.0.0.5", "81.2.69.142")));
    }
}

using System.Net;
using MaxMind.GeoIP2;

namespace Sora.GraphQL.Schema.Feed;

public sealed class NetworkOptions
{
    /// <summary>Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. Empty: the header is ignored.</summary>
    public string[] TrustedProxies { get; set; } = [];
    /// <summary>A MaxMind City or Country database (.mmdb). Unset: regions are unknown and the feed still works.</summary>
    public string? GeoIpDatabase { get; set; }
}

/// <summary>
/// The viewer's region (an ISO 3166 country code) from the client address. The address is used for the lookup and
/// then dropped: events carry the region only, never the IP.
/// X-Forwarded-For is read right to left and only while the hop that sent it is a trusted proxy, so a client cannot
/// choose its region by sending the header itself.
/// </summary>
public sealed class ClientRegion : IDisposable
{
    private readonly IReadOnlyList<IPNetwork> _trusted;
    private readonly DatabaseReader? _reader;

    public ClientRegion(NetworkOptions options)
    {
        _trusted = options.TrustedProxies.Select(Parse).ToList();
        _reader = string.IsNullOrWhiteSpace(options.GeoIpDatabase) ? null : new DatabaseReader(options.GeoIpDatabase);
    }

    public bool Enabled => _reader is not null;

    public IPAddress? ClientAddress(HttpContext? http)
    {
        var address = http?.Connection.RemoteIpAddress;
        if (address is null) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var hops = http!.Request.Headers["X-Forwarded-For"].SelectMany(h => (h ?? "").Split(',')).Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        for (var i = hops.Count - 1; i >= 0 && IsTrusted(address); i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop)) break;
            address = hop.IsIPv4MappedToIPv6 ? hop.MapToIPv4() : hop;
        }
        return address;
    }

    public string? RegionOf(HttpContext? http) => Lookup(ClientAddress(http));

    public string? Lookup(IPAddress? address)
    {
        if (_reader is null || address is null) return null;
        try
        {
            if (_reader.Metadata.DatabaseType.Contains("City", StringComparison.OrdinalIgnoreCase))
                return _reader.TryCity(address, out var city) ? city?.Country.IsoCode : null;
            return _reader.TryCountry(address, out var country) ? country?.Country.IsoCode : null;
        }
        catch (Exception e) when (e is MaxMind.Db.InvalidDatabaseException or ArgumentException)
        {
            return null; // an address the database cannot answer for is simply "unknown"
        }
    }

    private bool IsTrusted(IPAddress address) => _trusted.Any(n => n.Contains(address));

    // A bare address is a network of one.
    private static IPNetwork Parse(string value)
    {
        if (value.Contains('/')) return IPNetwork.Parse(value);
        var address = IPAddress.Parse(value);
        return new IPNetwork(address, address.GetAddressBytes().Length * 8);
    }

    public void Dispose() => _reader?.Dispose();
}

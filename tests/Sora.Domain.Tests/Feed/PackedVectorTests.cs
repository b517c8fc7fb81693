using System.Text.Json;
using Sora.Domain.Feed;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Domain.Tests.Feed;

/// <summary>Vectors are stored packed (base64 float32), and documents stored before that still read.</summary>
public sealed class PackedVectorTests
{
    [Fact]
    public void A_vector_round_trips_exactly_and_the_array_shape_still_reads()
    {
        var vector = new[] { 0.5f, -1.25f, float.Epsilon, 3.1415927f, 0f };
        var json = JsonSerializer.Serialize(new FeedVideo { Vector = vector });
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("Vector").ValueKind);
        Assert.Equal(vector, JsonSerializer.Deserialize<FeedVideo>(json)!.Vector);

        var old = JsonSerializer.Deserialize<ViewerProfile>("""{"Interest":[0.5,-1.25,2]}""")!;
        Assert.Equal([0.5f, -1.25f, 2f], old.Interest);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeedVideo>("""{"Vector":"AAAA"}""")); // 3 bytes
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FeedVideo>("""{"Vector":7}"""));
    }

    [Fact]
    public void The_packed_form_is_little_endian_float32()
    {
        var json = JsonSerializer.Serialize(new FeedVideo { Vector = [1f] });
        // 1.0f is 0x3F800000; little-endian bytes 00 00 80 3F.
        Assert.Equal(Convert.ToBase64String([0x00, 0x00, 0x80, 0x3F]), JsonDocument.Parse(json).RootElement.GetProperty("Vector").GetString());
        Assert.Empty(JsonSerializer.Deserialize<FeedVideo>("""{"Vector":""}""")!.Vector);
    }
}

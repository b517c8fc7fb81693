using Sora.Domain.Feed;
using System.Text.Json;
using Sora.Integration.Tests.Support;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>Vectors are stored packed (base64 float32), and documents stored before that still read.</summary>
public sealed class PackedVectorTests(AppFixture fixture) : IntegrationTest(fixture)
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
    public async Task Published_videos_are_stored_with_a_packed_vector_that_the_feed_reads_back()
    {
        var author = await Api.SignUpAsync("packer");
        var id = await Host.PublishedVideoAsync(author, "a tram crosses a bridge in the rain");
        await using var query = Host.Store.QuerySession();
        var raw = await query.QueryAsync<string>($"select data->>'Vector' from {Host.Store.Options.Schema.For<FeedVideo>()} where id = ?", id);
        var decoded = Convert.FromBase64String(raw.Single());
        var video = await query.LoadAsync<FeedVideo>(id);
        Assert.Equal(video!.Vector.Length * sizeof(float), decoded.Length);
        Assert.Contains(video.Vector, x => x != 0);
    }
}

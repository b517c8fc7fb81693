using Sora.Domain.Feed;
using Sora.Integration.Tests.Support;
using Sora.Projections.Feed;
using Xunit;

namespace Sora.Integration.Tests.Feed;

/// <summary>Vectors are stored packed (base64 float32) in the database (the converter itself: Sora.Domain.Tests/Feed/PackedVectorTests).</summary>
public sealed class PackedVectorTests(AppFixture fixture) : IntegrationTest(fixture)
{
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

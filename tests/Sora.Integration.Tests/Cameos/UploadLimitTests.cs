using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Marten;
using Sora.Domain.Privacy;
using Sora.Integration.Tests.Support;
using Xunit;

namespace Sora.Integration.Tests.Cameos;

/// <summary>
/// Uploads answer the limit they advertise with the typed JSON error, whatever Kestrel's server-wide default (1 MiB in
/// the test settings, below the 2 MiB recording limit), refuse pictures too large to decode and damaged images, and
/// keep no recording once it has been decided.
/// </summary>
public sealed class UploadLimitTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, byte[] body, string token, bool chunked)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            // Chunked: no Content-Length, so only the limit applied while reading can refuse it.
            Content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (chunked) request.Headers.TransferEncodingChunked = true;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_endpoint_applies_its_own_advertised_limit_with_a_typed_error(bool chunked)
    {
        var owner = await Api.SignUpAsync("owner");
        var (_, url) = await Api.StartAsync(owner);
        // 1.5 MiB: past Kestrel's server-wide default here, within the recording limit: the content decides (not a video).
        using (var within = await SendAsync(Host.Http, HttpMethod.Put, url, new byte[1_572_864], owner.Token, chunked))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, within.StatusCode);
            Assert.Contains("UNSUPPORTED_MEDIA", await within.Content.ReadAsStringAsync());
        }
        using (var over = await SendAsync(Host.Http, HttpMethod.Put, url, new byte[2 * 1024 * 1024 + 1], owner.Token, chunked))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
            Assert.Contains("PAYLOAD_TOO_LARGE", await over.Content.ReadAsStringAsync());
        }
        using (var image = await SendAsync(Host.Http, HttpMethod.Post, "/media/uploads", new byte[1024 * 1024 + 1], owner.Token, chunked))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, image.StatusCode);
            Assert.Contains("MEDIA_TOO_LARGE", await image.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_recording_declaring_a_huge_picture_is_refused_before_any_decode()
    {
        var owner = await Api.SignUpAsync("owner");
        var (_, url) = await Api.StartAsync(owner);
        var path = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.mp4");
        try
        {
            var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "color=black:s=4160x4160:d=0.2:r=5", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", path]))!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
            using var response = await Host.UploadAsync(url, await File.ReadAllBytesAsync(path), owner.Token);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Contains("4096 pixels", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused_as_damaged()
    {
        var maker = await Api.SignUpAsync("maker");
        var jpeg = await File.ReadAllBytesAsync(CameoSeeds.Fixture("media/landscape-dock.jpg"));
        using var response = await GenerationFlow.UploadAsync(Host.Http, maker.Token, jpeg[..(jpeg.Length / 4)]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("damaged", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_refused_recording_is_not_kept()
    {
        var owner = await Api.SignUpAsync("owner");
        var (id, url) = await Api.StartAsync(owner);
        var cameo = await Host.RecordAsync(Api, owner, id, url, "cameo/truncated.mp4");
        Assert.Equal(("FAILED", "UNREADABLE_MEDIA"), (cameo.GetProperty("status").GetString(), cameo.GetProperty("failureReason").GetString()));
        await using var query = Host.Store.QuerySession();
        Assert.Empty(await query.Query<SealedRecord>().Where(r => r.SubjectId == id).ToListAsync());
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Wolverine.Tracking;
using Xunit;

namespace Sora.Integration.Tests.Support;

/// <summary>Cameo verification through the public API, as a client does it: start, upload, wait for the worker.</summary>
public static class CameoRecordings
{
    public const string Start = """
        mutation($input: StartCameoVerificationInput!) {
          startCameoVerification(input: $input) { cameo { id status phrase } upload { url method maxBytes } instructions errors { code } }
        }
        """;

    public const string Read = "query($id: ID!) { cameo(id: $id) { id status failureReason attempts likenessInForce verifiedAt } }";

    /// <summary>startCameoVerification: the cameo's id and where its recording goes.</summary>
    public static async Task<(Guid Id, string Url)> StartAsync(this GraphQLClient api, TestAccount owner, Guid? existing = null)
    {
        var payload = (await api.PostAsync(Start, new { input = new { cameoId = existing } }, owner.Token)).Ok().GetProperty("startCameoVerification");
        Assert.NotEmpty(payload.GetProperty("instructions").EnumerateArray());
        var cameo = payload.GetProperty("cameo");
        return (Guid.Parse(cameo.GetProperty("id").GetString()!), payload.GetProperty("upload").GetProperty("url").GetString()!);
    }

    public static async Task<HttpResponseMessage> UploadAsync(this RunningHost host, string url, byte[] body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Http.SendAsync(request);
    }

    /// <summary>Uploads a fixture and waits, through Wolverine's tracking, until the worker has handled the job.</summary>
    public static async Task<JsonElement> RecordAsync(this RunningHost host, GraphQLClient api, TestAccount owner, Guid cameoId, string url, string fixture)
    {
        HttpStatusCode status = default;
        await host.App.TrackActivity().IncludeExternalTransports().Timeout(TimeSpan.FromSeconds(120))
            .ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(async _ =>
            {
                using var response = await host.UploadAsync(url, await File.ReadAllBytesAsync(CameoSeeds.Fixture(fixture)), owner.Token);
                status = response.StatusCode;
            }));
        Assert.Equal(HttpStatusCode.Accepted, status);
        return (await api.PostAsync(Read, new { id = cameoId }, owner.Token)).Ok().GetProperty("cameo");
    }

    /// <summary>A new account that verifies a real cameo from a fixture recording (the worker seals its template).</summary>
    public static async Task<(TestAccount Owner, Guid Cameo)> VerifyThroughApiAsync(this RunningHost host, GraphQLClient api, string handle, string fixture)
    {
        var owner = await api.SignUpAsync(handle);
        var (id, url) = await api.StartAsync(owner);
        var cameo = await host.RecordAsync(api, owner, id, url, fixture);
        Assert.Equal("VERIFIED", cameo.GetProperty("status").GetString());
        return (owner, id);
    }
}

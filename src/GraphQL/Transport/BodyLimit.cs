using Microsoft.AspNetCore.Http.Features;

namespace Sora.GraphQL.Transport;

/// <summary>
/// One body limit per endpoint, the one it advertises (Sora:Cameos:MaxRecordingBytes, Sora:Media:MaxImageBytes,
/// Sora:GraphQL:MaxRequestBytes). Kestrel's own server-wide limit (30,000,000 bytes by default) would otherwise apply
/// first, answering an empty 413 or resetting the connection. Each endpoint lifts Kestrel's limit for its request just
/// past its own, so its <see cref="LimitedStream"/> is what refuses, with the typed JSON error; Kestrel's stays as a
/// backstop one byte further.
/// </summary>
public static class BodyLimit
{
    public static void Allow(HttpContext http, long max)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max + 1;
    }

    /// <summary>Whether a failed read means the body was over the limit (ours, or Kestrel's backstop).</summary>
    public static bool IsTooLarge(Exception e) =>
        e is InvalidDataException || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
}

using System.Net.Mime;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Transport;

/// <summary>
/// GraphQL over HTTP (the GraphQL-over-HTTP spec): POST with application/json, GET for queries only (405 for
/// mutations), application/graphql-response+json with 400 for requests that could not be executed, or
/// application/json with 200 for legacy clients that ask only for that.
/// </summary>
public static class HttpEndpoint
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static async Task HandleAsync(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<SoraOptions>>().Value.GraphQL;
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();

        var mediaType = NegotiateResponseType(http.Request);
        if (mediaType is null)
        {
            await WriteAsync(http, StatusCodes.Status406NotAcceptable, MediaTypeNames.Application.Json, serializer,
                Errors(new SoraError("NOT_ACCEPTABLE", $"Accept {GraphQLResponseJson} or application/json.")));
            return;
        }
        var modern = mediaType == GraphQLResponseJson;

        GraphQLRequest? request;
        var isGet = HttpMethods.IsGet(http.Request.Method);
        if (isGet)
        {
            request = ReadQueryString(http.Request, serializer, out var problem);
            if (problem is not null)
            {
                await WriteAsync(http, StatusCodes.Status400BadRequest, mediaType, serializer, Errors(problem));
                return;
            }
        }
        else if (HttpMethods.IsPost(http.Request.Method))
        {
            if (!IsJson(http.Request.ContentType))
            {
                await WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, mediaType, serializer,
                    Errors(new SoraError("UNSUPPORTED_MEDIA_TYPE", "POST bodies must be application/json.")));
                return;
            }
            if (http.Request.ContentLength > limits.MaxRequestBytes)
            {
                await WriteAsync(http, StatusCodes.Status413PayloadTooLarge, mediaType, serializer,
                    Errors(new SoraError("PAYLOAD_TOO_LARGE", $"Requests are limited to {limits.MaxRequestBytes} bytes.")));
                return;
            }
            BodyLimit.Allow(http, limits.MaxRequestBytes);
            try
            {
                using var limited = new LimitedStream(http.Request.Body, limits.MaxRequestBytes);
                request = await serializer.ReadAsync<GraphQLRequest>(limited, http.RequestAborted);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException || BodyLimit.IsTooLarge(e))
            {
                var tooLarge = BodyLimit.IsTooLarge(e);
                await WriteAsync(http, tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, mediaType, serializer,
                    Errors(new SoraError(tooLarge ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST",
                        tooLarge ? $"Requests are limited to {limits.MaxRequestBytes} bytes." : "The body is not a valid GraphQL request: " + e.Message)));
                return;
            }
        }
        else
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, serializer,
                Errors(new SoraError("METHOD_NOT_ALLOWED", "Use POST, or GET for queries.")));
            return;
        }

        if (request is null)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, mediaType, serializer, Errors(new SoraError("BAD_REQUEST", "The body is empty.")));
            return;
        }

        var runner = http.RequestServices.GetRequiredService<GraphQLRunner>();
        var parsed = runner.ParseCached(request);
        if (parsed.Error is not null)
        {
            await WriteAsync(http, modern ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, mediaType, serializer, Errors(parsed.Error));
            return;
        }
        if (isGet && parsed.Operation is OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteAsync(http, StatusCodes.Status405MethodNotAllowed, mediaType, serializer,
                Errors(new SoraError("METHOD_NOT_ALLOWED", "Mutations must be sent with POST.")));
            return;
        }
        if (parsed.Operation is OperationType.Subscription)
        {
            await WriteAsync(http, modern ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, mediaType, serializer,
                Errors(new SoraError("OPERATION_NOT_SUPPORTED", "Subscriptions run over WebSocket (graphql-transport-ws) at this same path.")));
            return;
        }

        var auth = await http.RequestServices.GetRequiredService<ViewerResolver>()
            .ResolveAsync(ViewerResolver.BearerFrom(http.Request.Headers.Authorization), http.RequestAborted);
        if (auth.Failure is not null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteAsync(http, StatusCodes.Status401Unauthorized, mediaType, serializer,
                Errors(new SoraError("UNAUTHENTICATED", auth.Failure)));
            return;
        }

        var result = await runner.ExecuteAsync(request, parsed, auth.Viewer, http.RequestServices, http.TraceIdentifier, http.RequestAborted);

        // Not executed = the document failed validation (including depth and cost limits): a request error.
        var status = modern && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        if (result.Errors?.OfType<SoraError>().Max(e => e.RetryAfterSeconds) is { } retryAfter)
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (result.Errors?.OfType<global::GraphQL.Execution.UnhandledError>().Any(e => ServiceUnavailable.IsDatabaseDown(e.InnerException)) == true)
        {
            // The database went away under the request: retryable. Nothing came back at all: the whole request failed.
            http.Response.Headers.RetryAfter = ServiceUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (result.Data is null) status = StatusCodes.Status503ServiceUnavailable;
        }
        await WriteAsync(http, status, mediaType, serializer, result);
    }

    private static string? NegotiateResponseType(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0) return MediaTypeNames.Application.Json;
        foreach (var candidate in accept.OrderByDescending(a => a.Quality ?? 1))
        {
            if (candidate.Quality == 0) continue;
            var type = candidate.MediaType.Value;
            if (string.Equals(type, GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return GraphQLResponseJson;
            if (string.Equals(type, MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)) return MediaTypeNames.Application.Json;
            // The spec's SHOULD: a client that accepts anything gets application/json, as one that sends no Accept does
            // (the graphql-http audit checks both).
            if (type is "*/*" or "application/*") return MediaTypeNames.Application.Json;
        }
        return null;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
        string.Equals(parsed.MediaType.Value, MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase);

    private static GraphQLRequest? ReadQueryString(HttpRequest request, IGraphQLTextSerializer serializer, out ExecutionError? problem)
    {
        problem = null;
        var q = request.Query;
        try
        {
            return new GraphQLRequest
            {
                Query = q["query"].ToString(),
                OperationName = q.TryGetValue("operationName", out var op) && op.Count > 0 && op[0]!.Length > 0 ? op[0] : null,
                Variables = q.TryGetValue("variables", out var v) && v.Count > 0 && v[0]!.Length > 0 ? serializer.Deserialize<Inputs>(v[0]) : null,
                Extensions = q.TryGetValue("extensions", out var x) && x.Count > 0 && x[0]!.Length > 0 ? serializer.Deserialize<Inputs>(x[0]) : null,
            };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            problem = new SoraError("BAD_REQUEST", "'variables' and 'extensions' must be JSON objects: " + e.Message);
            return null;
        }
    }

    private static ExecutionResult Errors(ExecutionError error) => new() { Errors = [error] };

    private static async Task WriteAsync(HttpContext http, int status, string mediaType, IGraphQLTextSerializer serializer, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}

namespace Sora.GraphQL.Transport;

/// <summary>The error body of the plain HTTP endpoints (uploads, media, exports): { code, message }.</summary>
public static class JsonErrors
{
    public static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, statusCode: status);
}

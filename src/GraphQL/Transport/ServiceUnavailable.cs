using System.Net.Sockets;
using Npgsql;

namespace Sora.GraphQL.Transport;

/// <summary>
/// While PostgreSQL is unreachable (restarting, failing over), requests fail with a typed, retryable error instead of
/// a bare 5xx: <c>SERVICE_UNAVAILABLE</c>, HTTP 503 where the whole request failed, and <c>Retry-After</c>. Nothing a
/// request had not committed is half-written: each command is one transaction, so a retry starts clean (creating
/// mutations take a client id for exactly this case).
/// </summary>
public static class ServiceUnavailable
{
    public const string Code = "SERVICE_UNAVAILABLE";
    public const int RetryAfterSeconds = 5;
    public const string Message = "The service is briefly unavailable (its database is not reachable). Retry shortly.";

    /// <summary>Whether an exception, or any exception inside it, says the database cannot be reached right now.</summary>
    public static bool IsDatabaseDown(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions.
                case PostgresException pg when pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true }:
                case SocketException:
                    return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDatabaseDown)) return true;
        }
        return false;
    }

    /// <summary>
    /// Outside GraphQL execution (authentication, uploads, media, exports): the same typed answer. For /graphql it is
    /// shaped as a GraphQL response, elsewhere as the endpoints' { code, message }.
    /// </summary>
    public static void UseServiceUnavailable(this WebApplication app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (IsDatabaseDown(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (http.Request.Path.StartsWithSegments("/graphql"))
                await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message = Message, extensions = new { code = Code, retryAfterSeconds = RetryAfterSeconds } } } });
            else
                await http.Response.WriteAsJsonAsync(new { code = Code, message = Message });
        }
    });
}

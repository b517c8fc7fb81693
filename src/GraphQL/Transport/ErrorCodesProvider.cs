using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace Sora.GraphQL.Transport;

/// <summary>
/// Gives every error exactly one stable extensions.code, so clients switch on codes, not messages. Unexpected
/// exceptions are reported as INTERNAL_SERVER_ERROR without their details (they are logged server-side).
/// </summary>
public sealed class ErrorCodesProvider : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError error)
    {
        var code = error switch
        {
            Schema.Common.SoraError sora => sora.Code!,
            SyntaxError => "GRAPHQL_PARSE_FAILED",
            InvalidVariableError or InvalidValueError or InvalidLiteralError => "BAD_USER_INPUT",
            ValidationError v when v.Code is "QUERY_TOO_DEEP" or "QUERY_TOO_COMPLEX" => v.Code,
            ValidationError => "GRAPHQL_VALIDATION_FAILED",
            UnhandledError u when ServiceUnavailable.IsDatabaseDown(u.InnerException) => ServiceUnavailable.Code,
            UnhandledError => "INTERNAL_SERVER_ERROR",
            RequestError => "BAD_REQUEST",
            _ => "INTERNAL_SERVER_ERROR",
        };
        var message = code == ServiceUnavailable.Code ? ServiceUnavailable.Message : error is UnhandledError ? "An internal error occurred." : error.Message;
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (code == ServiceUnavailable.Code) extensions["retryAfterSeconds"] = ServiceUnavailable.RetryAfterSeconds;
        if (error is Schema.Common.SoraError { RetryAfterSeconds: { } retry }) extensions["retryAfterSeconds"] = retry;
        if (error is Schema.Common.SoraError { Details: { } details })
            foreach (var (key, value) in details) extensions[key] = value;
        return new ErrorInfo { Message = message, Extensions = extensions };
    }
}

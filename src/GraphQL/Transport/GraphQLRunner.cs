using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser.AST;
using Marten;
using Sora.Domain.Privacy;
using Sora.GraphQL.Auth;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Transport;

/// <summary>The request after parsing: which operation it runs, or why it cannot run.</summary>
public sealed record ParsedRequest(GraphQLDocument? Document, OperationType? Operation, ExecutionError? Error);

/// <summary>Executes one GraphQL request for HTTP and WebSocket alike, so both enforce the same limits and context.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer, IDocumentStore store, PersonalDataVault vault, ILogger<GraphQLRunner> logger)
{
    /// <summary>
    /// Parses the document up front: the HTTP layer must know the operation type before executing (a mutation
    /// over GET is a 405, not an execution).
    /// </summary>
    public static ParsedRequest Parse(GraphQLRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
            return new ParsedRequest(null, null, new SoraError("BAD_REQUEST", "The request has no 'query'."));
        GraphQLDocument document;
        try
        {
            document = GraphQLParser.Parser.Parse(request.Query, new GraphQLParser.ParserOptions { MaxDepth = 64 });
        }
        catch (GraphQLParser.Exceptions.GraphQLParserException e)
        {
            return new ParsedRequest(null, null, new SoraError("GRAPHQL_PARSE_FAILED", e.Message));
        }

        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var chosen = request.OperationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        // An unknown or missing operation name is left for the executor to report as a validation error.
        return new ParsedRequest(document, chosen?.Operation, null);
    }

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, GraphQLDocument document, Viewer viewer,
        IServiceProvider services, string correlationId, CancellationToken ct)
    {
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            UserContext = new SoraContext { Viewer = viewer, Loaders = new RequestLoaders(store, vault), CorrelationId = correlationId },
            CancellationToken = ct,
        });
        // Clients only see "INTERNAL_SERVER_ERROR"; the cause belongs in the log.
        foreach (var error in result.Errors?.OfType<global::GraphQL.Execution.UnhandledError>() ?? [])
            logger.LogError(error.InnerException ?? error, "GraphQL request {CorrelationId} failed", correlationId);
        return result;
    }
}

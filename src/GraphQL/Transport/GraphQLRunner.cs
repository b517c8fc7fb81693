using System.Collections.Concurrent;
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
/// <param name="Validated">The document passed validation before, so only input-dependent rules run again.</param>
public sealed record ParsedRequest(GraphQLDocument? Document, OperationType? Operation, ExecutionError? Error, bool Validated = false);

/// <summary>Executes one GraphQL request for HTTP and WebSocket alike, so both enforce the same limits and context.</summary>
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer, IDocumentStore store, PersonalDataVault vault, ILogger<GraphQLRunner> logger)
{
    // Documents that parsed and validated, by query text. Clients send the same few documents over and over;
    // re-validating them is most of GraphQL's per-request overhead. Bounded by clearing: a client sending
    // endless distinct documents cannot grow it without limit.
    private const int MaxCachedDocuments = 2_000;
    private readonly ConcurrentDictionary<string, GraphQLDocument> _validated = new();

    /// <summary>Parses, or takes an already validated document from the cache.</summary>
    public ParsedRequest ParseCached(GraphQLRequest request)
    {
        if (request.Query is { } query && _validated.TryGetValue(query, out var document))
            return new ParsedRequest(document, OperationOf(document, request.OperationName), null, Validated: true);
        return Parse(request);
    }

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

        return new ParsedRequest(document, OperationOf(document, request.OperationName), null);
    }

    // An unknown or missing operation name is left for the executor to report.
    private static OperationType? OperationOf(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var chosen = operationName is { } name
            ? operations.FirstOrDefault(o => o.Name?.StringValue == name)
            : operations.Count == 1 ? operations[0] : null;
        return chosen?.Operation;
    }

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, ParsedRequest parsed, Viewer viewer,
        IServiceProvider services, string correlationId, CancellationToken ct)
    {
        var loaders = new RequestLoaders(store, vault);
        if (viewer.Account is { } account) loaders.Accounts.Prime(account.Id, account); // authentication loaded it
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = parsed.Document,
            // Empty for a cached document: the configured input-dependent rules (the cost analyzer) are still
            // appended to this list by the builder, the document-only rules are skipped.
            ValidationRules = parsed.Validated ? [] : null,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            UserContext = new SoraContext { Viewer = viewer, Loaders = loaders, CorrelationId = correlationId },
            CancellationToken = ct,
        });
        if (result.Executed && !parsed.Validated && request.Query is { } query)
        {
            if (_validated.Count >= MaxCachedDocuments) _validated.Clear();
            _validated.TryAdd(query, parsed.Document!);
        }

        // Clients only see "INTERNAL_SERVER_ERROR"; the cause belongs in the log.
        foreach (var error in result.Errors?.OfType<global::GraphQL.Execution.UnhandledError>() ?? [])
            logger.LogError(error.InnerException ?? error, "GraphQL request {CorrelationId} failed", correlationId);
        return result;
    }
}

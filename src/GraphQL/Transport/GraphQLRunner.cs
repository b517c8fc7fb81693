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
public sealed class GraphQLRunner(IDocumentExecuter<ISchema> executer, IDocumentStore store, PersonalDataVault vault, ILogger<GraphQLRunner> logger,
    Microsoft.Extensions.Options.IOptions<Composition.SoraOptions> options)
{
    private readonly Composition.GraphQLLimits _limits = options.Value.GraphQL;

    // Documents that parsed and validated, by query text. Clients send the same few documents over and over;
    // re-validating them is most of GraphQL's per-request overhead. Bounded in bytes (query text, which the parsed
    // document is proportional to, since the budget caps its fields): large documents are not kept at all, and the
    // cache is cleared when full, so no stream of distinct documents can grow it.
    private readonly ConcurrentDictionary<string, GraphQLDocument> _validated = new();
    private long _cachedBytes;

    /// <summary>Bytes of query text held by the validated-document cache now (for the benchmark and the tests).</summary>
    public long CachedBytes => Interlocked.Read(ref _cachedBytes);

    /// <summary>Parses, or takes an already validated document from the cache.</summary>
    public ParsedRequest ParseCached(GraphQLRequest request)
    {
        if (request.Query is { } query && _validated.TryGetValue(query, out var document))
            return OperationProblem(document, request.OperationName) is { } problem
                ? new ParsedRequest(null, null, problem)
                : new ParsedRequest(document, OperationOf(document, request.OperationName), null, Validated: true);
        return Parse(request);
    }

    /// <summary>
    /// Parses the document up front: the HTTP layer must know the operation type before executing (a mutation
    /// over GET is a 405, not an execution). Then the document's budget (<see cref="DocumentBudget"/>), before any
    /// validation rule can spend time on it.
    /// </summary>
    public ParsedRequest Parse(GraphQLRequest request)
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

        if (DocumentBudget.Check(document, _limits) is { } over) return new ParsedRequest(null, null, over);
        if (OperationProblem(document, request.OperationName) is { } problem) return new ParsedRequest(null, null, problem);
        return new ParsedRequest(document, OperationOf(document, request.OperationName), null);
    }

    /// <summary>Which operation to run is the client's to say: a name the document lacks, or none among several, is a request error.</summary>
    private static SoraError? OperationProblem(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count == 0) return null; // validation reports a document without operations
        if (operationName is { } name)
            return operations.Any(o => o.Name?.StringValue == name)
                ? null
                : new SoraError("OPERATION_NOT_FOUND", $"The document has no operation named '{name}'.");
        return operations.Count > 1 ? new SoraError("OPERATION_NAME_REQUIRED", "The document has several operations: say which one in 'operationName'.") : null;
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

    private void Remember(string query, GraphQLDocument document)
    {
        var bytes = query.Length * 2L;
        if (bytes > _limits.MaxCachedDocumentBytes / 64) return;
        if (Interlocked.Read(ref _cachedBytes) + bytes > _limits.MaxCachedDocumentBytes)
        {
            _validated.Clear();
            Interlocked.Exchange(ref _cachedBytes, 0);
        }
        if (_validated.TryAdd(query, document)) Interlocked.Add(ref _cachedBytes, bytes);
    }

    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, ParsedRequest parsed, Viewer viewer,
        IServiceProvider services, string correlationId, CancellationToken ct)
    {
        // A suspended or banned account's mutation off the allow-list is refused before anything runs.
        if (Schema.Moderation.RestrictedAccounts.Check(viewer, parsed.Document, request.OperationName) is { } restricted)
            return new ExecutionResult { Errors = [restricted], Executed = true };
        var loaders = new RequestLoaders(store, vault, viewer.AccountId);
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
        if (result.Executed && !parsed.Validated && request.Query is { } query) Remember(query, parsed.Document!);
        if (result.Errors is { Count: var count } errors && count > _limits.MaxErrors)
        {
            // A bounded answer whatever the document: the first errors, and how many more there were.
            var kept = new ExecutionErrors();
            foreach (var error in errors.Take(_limits.MaxErrors)) kept.Add(error);
            kept.Add(new SoraError("TOO_MANY_ERRORS", $"{count - _limits.MaxErrors} more errors were left out."));
            result.Errors = kept;
        }

        // Clients only see "INTERNAL_SERVER_ERROR"; the cause belongs in the log.
        foreach (var error in result.Errors?.OfType<global::GraphQL.Execution.UnhandledError>() ?? [])
            logger.LogError(error.InnerException ?? error, "GraphQL request {CorrelationId} failed", correlationId);
        return result;
    }
}

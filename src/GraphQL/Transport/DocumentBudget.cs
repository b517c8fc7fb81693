using GraphQLParser.AST;
using Sora.GraphQL.Composition;
using Sora.GraphQL.Schema.Common;

namespace Sora.GraphQL.Transport;

/// <summary>
/// Bounds the work a document can ask for before any validation rule runs. GraphQL.NET's rules (overlapping fields,
/// the complexity analyzer) walk fragments as often as they are spread, so a sub-kilobyte fragment bomb or a few
/// thousand repeated fields cost seconds there; this pass costs time linear in the document instead.
///
/// It counts fields as they would be once every fragment is expanded, computing each fragment once (memoized, with
/// counts that saturate rather than overflow), and stops as soon as the count passes <see cref="GraphQLLimits.MaxNodes"/>.
/// In the same pass it counts, per selection set after expansion, how many fields share one response name: the
/// overlapping-fields rule compares those pairwise, so a thousand conflicting aliases would be a million comparisons
/// and as many errors; more than <see cref="GraphQLLimits.MaxSameResponseName"/> is refused. Introspection is
/// counted like any other selection, and a document selects <c>__schema</c> or <c>__type</c> once at most.
/// </summary>
public sealed class DocumentBudget
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments;
    private readonly Dictionary<string, Summary> _memo = new();
    private readonly HashSet<string> _expanding = [];
    private readonly GraphQLLimits _limits;
    private int _introspectionRoots;

    /// <summary>Fragments spread inside fragments at most this deep: the walk recurses per link, so a long chain must not
    /// exhaust the stack (a chain of 20,000 would, and 256 KiB holds about 10,000).</summary>
    public const int MaxFragmentDepth = 64;

    private sealed record Summary(long Nodes, Dictionary<string, long> ResponseNames);

    private sealed class Refused(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private DocumentBudget(GraphQLDocument document, GraphQLLimits limits)
    {
        _limits = limits;
        _fragments = new Dictionary<string, GraphQLFragmentDefinition>();
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
    }

    /// <summary>Null when the document is within its budget, else the error to answer with (before validation).</summary>
    public static SoraError? Check(GraphQLDocument document, GraphQLLimits limits)
    {
        var budget = new DocumentBudget(document, limits);
        try
        {
            long total = 0;
            foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
            {
                total = Add(total, budget.Of(operation.SelectionSet).Nodes);
                budget.Within(total);
            }
            return null;
        }
        catch (Refused refused)
        {
            return new SoraError(refused.Code, refused.Message);
        }
    }

    private Summary Of(GraphQLSelectionSet set)
    {
        long nodes = 0;
        var names = new Dictionary<string, long>();
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField field:
                    // Introspection fields cost nothing to the cost analyzer, so one __schema or __type selection is all a
                    // document gets: a tool reads the schema once, a flood of aliased copies is refused here.
                    if (field.Name.StringValue is "__schema" or "__type" && ++_introspectionRoots > 1)
                        throw new Refused("QUERY_TOO_LARGE", "A document may select __schema or __type once.");
                    nodes = Add(nodes, 1);
                    if (field.SelectionSet is { } children) nodes = Add(nodes, Of(children).Nodes);
                    Within(nodes);
                    Count(names, (field.Alias?.Name ?? field.Name).StringValue, 1);
                    break;
                case GraphQLInlineFragment inline:
                    Merge(ref nodes, names, Of(inline.SelectionSet));
                    break;
                case GraphQLFragmentSpread spread:
                    if (OfFragment(spread.FragmentName.Name.StringValue) is { } fragment) Merge(ref nodes, names, fragment);
                    break;
            }
        }
        return new Summary(nodes, names);
    }

    /// <summary>A fragment's summary, computed once however often it is spread. Unknown fragments are validation's to report.</summary>
    private Summary? OfFragment(string name)
    {
        if (_memo.TryGetValue(name, out var known)) return known;
        if (!_fragments.TryGetValue(name, out var definition)) return null;
        if (!_expanding.Add(name)) throw new Refused("GRAPHQL_VALIDATION_FAILED", $"Fragment '{name}' spreads itself.");
        if (_expanding.Count > MaxFragmentDepth) throw new Refused("QUERY_TOO_LARGE", $"Fragments nest more than {MaxFragmentDepth} deep.");
        var summary = Of(definition.SelectionSet);
        _expanding.Remove(name);
        _memo[name] = summary;
        return summary;
    }

    private void Merge(ref long nodes, Dictionary<string, long> names, Summary part)
    {
        nodes = Add(nodes, part.Nodes);
        // The node check comes first: merging only ever happens within the budget, so its cost is bounded too.
        Within(nodes);
        foreach (var (name, count) in part.ResponseNames) Count(names, name, count);
    }

    private void Count(Dictionary<string, long> names, string name, long count)
    {
        var total = Add(names.GetValueOrDefault(name), count);
        names[name] = total;
        if (total > _limits.MaxSameResponseName)
            throw new Refused("QUERY_TOO_LARGE",
                $"'{name}' is selected {(total == long.MaxValue ? "too many" : total.ToString())} times in one selection set; the limit is {_limits.MaxSameResponseName}.");
    }

    private void Within(long nodes)
    {
        if (nodes > _limits.MaxNodes)
            throw new Refused("QUERY_TOO_LARGE", $"The query selects more than {_limits.MaxNodes} fields once its fragments are expanded.");
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

using System.Text;
using GraphQL.Types;

namespace Sora.GraphQL.Schema.Common;

/// <summary>Relay-style paging over keyset cursors. A cursor is opaque to clients: base64url of "seq:N".</summary>
public static class Paging
{
    public const int DefaultFirst = 20;
    public const int MaxFirst = 100;

    public static int First(int? first) => first switch
    {
        null => DefaultFirst,
        < 0 => throw SoraError.BadInput("'first' cannot be negative."),
        > MaxFirst => throw SoraError.BadInput($"'first' can be at most {MaxFirst}."),
        var n => n.Value,
    };

    public static string Encode(long seq) => EncodeToken("seq", seq.ToString());

    public static long? Decode(string? cursor) =>
        DecodeToken(cursor, "seq") is { } text ? long.TryParse(text, out var seq) ? seq : throw NotOurs() : null;

    /// <summary>An opaque cursor: base64url of "kind:value". Feeds (session cursors) and keyset pages share it.</summary>
    public static string EncodeToken(string kind, string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{kind}:{value}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The value of a cursor of this kind; null for no cursor; BAD_USER_INPUT for anything we did not issue.</summary>
    public static string? DecodeToken(string? cursor, string kind)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith($"{kind}:", StringComparison.Ordinal)) return text[(kind.Length + 1)..];
        }
        catch (FormatException)
        {
        }
        throw NotOurs();
    }

    /// <summary>
    /// One page of a list held in memory (a cameo's grants and blocks, a replayed snapshot): the cursor is the
    /// position in the list, which only grows at its end, so pages stay stable while items are added.
    /// </summary>
    public static Connection<T> InMemory<T>(IReadOnlyList<T> all, int? first, string? after, Func<T, DateTimeOffset?>? since = null)
    {
        var take = First(first);
        var skip = Decode(after) ?? 0;
        if (skip is < 0 or > int.MaxValue) throw NotOurs();
        var rows = all.Skip((int)skip).Take(take + 1).Select((item, i) => (Item: item, Position: skip + i + 1)).ToList();
        return Connection<T>.From(rows, take, skip > 0, r => r.Position, r => r.Item, r => since?.Invoke(r.Item));
    }

    private static SoraError NotOurs() => SoraError.BadInput("'after' is not a cursor this API issued.");

    public static void AddPagingArguments<TSource>(this global::GraphQL.Builders.FieldBuilder<TSource, object> field) =>
        field.Argument<IntGraphType>("first", "How many items, at most 100 (default 20).")
            .Argument<StringGraphType>("after", "The endCursor of the previous page.");
}

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public sealed record Edge<T>(string Cursor, T Node, DateTimeOffset? Since);

public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo)
{
    /// <summary>Builds a page from first+1 fetched rows: the extra row only says whether there is a next page.</summary>
    public static Connection<T> From<TRow>(IReadOnlyList<TRow> rows, int first, bool hasPrevious,
        Func<TRow, long> seq, Func<TRow, T?> node, Func<TRow, DateTimeOffset?> since)
    {
        var edges = rows.Take(first)
            .Select(r => (Row: r, Node: node(r)))
            .Where(x => x.Node is not null)
            .Select(x => new Edge<T>(Paging.Encode(seq(x.Row)), x.Node!, since(x.Row)))
            .ToList();
        return new Connection<T>(edges,
            new PageInfo(rows.Count > first, hasPrevious, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.HasPreviousPage);
        Field(x => x.StartCursor, nullable: true);
        Field(x => x.EndCursor, nullable: true);
    }
}

/// <summary>An edge: the cursor and the node (its GraphQL type <typeparamref name="TNode"/>).</summary>
public abstract class EdgeType<TNode, T> : ObjectGraphType<Edge<T>> where TNode : IGraphType
{
    protected EdgeType(string name)
    {
        Name = name;
        Field(x => x.Cursor);
        Field<NonNullGraphType<TNode>>("node").Resolve(ctx => ctx.Source.Node);
    }
}

/// <summary>A Relay connection: edges of <typeparamref name="TEdge"/> and the page info.</summary>
public abstract class ConnectionType<TEdge, T> : ObjectGraphType<Connection<T>> where TEdge : IGraphType
{
    protected ConnectionType(string name, string? description = null)
    {
        Name = name;
        Description = description;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdge>>>>("edges").Resolve(ctx => ctx.Source.Edges);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

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

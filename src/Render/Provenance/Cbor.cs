using System.Formats.Cbor;

namespace Sora.Render.Provenance;

/// <summary>
/// A small CBOR object model for manifests: maps are ordered lists of string keys (<see cref="CborMap"/>), arrays
/// are lists, byte strings are byte[], text is string, integers are long. Decoding is bounded (depth and item
/// count) because ingredients and uploads bring manifests written by anyone.
/// </summary>
public sealed class CborMap : List<KeyValuePair<string, object?>>
{
    public void Add(string key, object? value)
    {
        if (value is not null) Add(new KeyValuePair<string, object?>(key, value));
    }

    public object? this[string key] => this.FirstOrDefault(kv => kv.Key == key).Value;

    public string? Text(string key) => this[key] as string;
    public byte[]? Bytes(string key) => this[key] as byte[];
    public CborMap? Map(string key) => this[key] as CborMap;
    public IReadOnlyList<object?> List(string key) => this[key] as List<object?> ?? [];
}

public static class Cbor
{
    private const int MaxDepth = 16;
    private const int MaxItems = 100_000;

    public static byte[] Encode(object? value)
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        Write(writer, value);
        return writer.Encode();
    }

    /// <summary>A tagged value (COSE_Sign1 is tag 18, claims are plain).</summary>
    public sealed record Tagged(CborTag Tag, object? Value);

    private static void Write(CborWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(); break;
            case string s: w.WriteTextString(s); break;
            case byte[] b: w.WriteByteString(b); break;
            case bool b: w.WriteBoolean(b); break;
            case int i: w.WriteInt64(i); break;
            case long l: w.WriteInt64(l); break;
            case ulong u: w.WriteUInt64(u); break;
            case double d: w.WriteDouble(d); break;
            case Tagged t: w.WriteTag(t.Tag); Write(w, t.Value); break;
            case CborMap map:
                w.WriteStartMap(map.Count);
                foreach (var (k, v) in map)
                {
                    w.WriteTextString(k);
                    Write(w, v);
                }
                w.WriteEndMap();
                break;
            case System.Collections.IEnumerable list:
                var items = list.Cast<object?>().ToList();
                w.WriteStartArray(items.Count);
                foreach (var item in items) Write(w, item);
                w.WriteEndArray();
                break;
            default: throw new ArgumentException($"No CBOR form for {value.GetType().Name}.");
        }
    }

    /// <summary>Decodes one CBOR item that must fill <paramref name="data"/>. Throws InvalidDataException when it is not CBOR.</summary>
    public static object? Decode(ReadOnlyMemory<byte> data)
    {
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax);
            var items = 0;
            var value = Read(reader, 0, ref items);
            if (reader.BytesRemaining != 0) throw new InvalidDataException("Trailing bytes after the CBOR item.");
            return value;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw new InvalidDataException("Not valid CBOR: " + e.Message, e);
        }
    }

    public static CborMap DecodeMap(ReadOnlyMemory<byte> data) => Decode(data) as CborMap ?? throw new InvalidDataException("Expected a CBOR map.");

    private static object? Read(CborReader r, int depth, ref int items)
    {
        if (depth > MaxDepth || ++items > MaxItems) throw new InvalidDataException("CBOR nested too deeply or too large.");
        switch (r.PeekState())
        {
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                return r.ReadInt64();
            case CborReaderState.ByteString: return r.ReadByteString();
            case CborReaderState.TextString: return r.ReadTextString();
            case CborReaderState.Boolean: return r.ReadBoolean();
            case CborReaderState.Null: r.ReadNull(); return null;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
            case CborReaderState.DoublePrecisionFloat:
                return r.ReadDouble();
            case CborReaderState.Tag:
                var tag = r.ReadTag();
                return new Tagged(tag, Read(r, depth + 1, ref items));
            case CborReaderState.StartArray:
            {
                r.ReadStartArray();
                var list = new List<object?>();
                while (r.PeekState() != CborReaderState.EndArray) list.Add(Read(r, depth + 1, ref items));
                r.ReadEndArray();
                return list;
            }
            case CborReaderState.StartMap:
            {
                r.ReadStartMap();
                var map = new CborMap();
                while (r.PeekState() != CborReaderState.EndMap)
                {
                    var key = Read(r, depth + 1, ref items);
                    var value = Read(r, depth + 1, ref items);
                    map.Add(new KeyValuePair<string, object?>(key?.ToString() ?? "", value));
                }
                r.ReadEndMap();
                return map;
            }
            case CborReaderState.SimpleValue: r.ReadSimpleValue(); return null;
            default: throw new InvalidDataException($"Unexpected CBOR state {r.PeekState()}.");
        }
    }
}

using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sora.Domain.Feed;

/// <summary>
/// Stores a content or interest vector as base64 of its little-endian float32 values instead of a JSON array of
/// numbers. A feed page reads several hundred candidate videos; parsing 64 decimal numbers each was most of the
/// page's CPU (./sora bench feed: about 7 ms of a 10 ms page on two cores), decoding base64 a fraction of it.
/// Reads both shapes, so documents written before this converter still load (and are rewritten packed).
/// </summary>
public sealed class PackedVectorJsonConverter : JsonConverter<float[]>
{
    public override float[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var values = new List<float>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) values.Add(reader.GetSingle());
            return values.ToArray();
        }
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"A vector is base64 or an array of numbers, not {reader.TokenType}.");
        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % sizeof(float) != 0) throw new JsonException("A packed vector's length is not a whole number of float32 values.");
        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++) vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        return vector;
    }

    public override void Write(Utf8JsonWriter writer, float[] value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Length * sizeof(float)];
        for (var i = 0; i < value.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), value[i]);
        writer.WriteBase64StringValue(bytes);
    }
}

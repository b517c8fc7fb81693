using System.Text.Json.Serialization;

namespace Sora.Render.Provenance;

/// <summary>The digital source type C2PA uses for media created by a trained model (IPTC vocabulary).</summary>
public static class DigitalSourceTypes
{
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
}

public sealed record ProvenanceAction(
    [property: JsonPropertyName("action")] string Action,
    [property: JsonPropertyName("digitalSourceType")] string? DigitalSourceType = null,
    [property: JsonPropertyName("softwareAgent")] string? SoftwareAgent = null,
    [property: JsonPropertyName("ingredient")] string? Ingredient = null);

public sealed record BoxHash(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("sha256")] string Sha256);

/// <summary>
/// The signed claim (C2PA-style): who generated the media, the actions that made it (created with the
/// trainedAlgorithmicMedia source type; remix and input lineage as ingredients), the digests of the consent
/// receipts of every cameo in it, and a SHA-256 of every other top-level box of the file.
/// </summary>
public sealed record ProvenanceClaim(
    [property: JsonPropertyName("claim_generator")] string ClaimGenerator,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("actions")] IReadOnlyList<ProvenanceAction> Actions,
    [property: JsonPropertyName("consent_receipts")] IReadOnlyList<string> ConsentReceipts,
    [property: JsonPropertyName("boxes")] IReadOnlyList<BoxHash> Boxes);

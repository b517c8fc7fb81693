namespace Sora.Render.Provenance;

/// <summary>The verdict, in the official reader's terms: Trusted, Valid (intact, signer not trusted here), Invalid; or no manifest.</summary>
public enum ProvenanceState
{
    Absent,
    Invalid,
    Valid,
    Trusted,
}

/// <summary>A C2PA validation status (the codes of the specification, e.g. assertion.bmffHash.mismatch).</summary>
public sealed record ProvenanceStatus(string Code, string? Url, string Explanation);

public sealed record ProvenanceIngredient(string Relationship, string? Title, string? Format, string? InstanceId, string? ActiveManifest,
    ProvenanceState ManifestState);

public sealed record ProvenanceAction(string Action, string? DigitalSourceType, string? SoftwareAgent, IReadOnlyList<string> Ingredients);

/// <summary>What verifying a file's manifest store found: the active manifest, its signer, what it says, and every status.</summary>
public sealed record ProvenanceReport(
    ProvenanceState State, string? ActiveManifest, string? Signer, string? Issuer, string? Title,
    IReadOnlyList<ProvenanceAction> Actions, IReadOnlyList<ProvenanceIngredient> Ingredients, IReadOnlyList<string> Receipts,
    IReadOnlyList<ProvenanceStatus> Failures, IReadOnlyList<ProvenanceStatus> Successes)
{
    /// <summary>Intact and signed: true for Trusted and Valid alike (whether the signer is trusted is <see cref="State"/>).</summary>
    public bool Valid => State is ProvenanceState.Valid or ProvenanceState.Trusted;

    /// <summary>The first failure in words, or why there is no verdict.</summary>
    public string? Problem => Failures.FirstOrDefault()?.Explanation;

    public static ProvenanceReport Missing(string why) =>
        new(ProvenanceState.Absent, null, null, null, null, [], [], [], [new ProvenanceStatus("manifest.missing", null, why)], []);
}

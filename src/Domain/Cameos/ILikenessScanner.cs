namespace Sora.Domain.Cameos;

/// <summary>
/// Finds verified people (the face model lives in Render, behind this). Decisions in Domain ask it who is shown; what
/// that means for consent stays here. Matches include opt-outs in force (<see cref="LikenessMatchFound.OptOut"/>): people
/// without an account who asked never to be used, a refusal for everyone.
/// </summary>
public interface ILikenessScanner
{
    /// <summary>Every likeness in force that a face in the image or clip at <paramref name="path"/> matches, best first.</summary>
    Task<IReadOnlyList<LikenessMatchFound>> ScanAsync(string path, CancellationToken ct);

    /// <summary>Every likeness in force that the face template matches, best first (verification: one face, one account).</summary>
    Task<IReadOnlyList<LikenessMatchFound>> MatchAsync(float[] template, CancellationToken ct);
}

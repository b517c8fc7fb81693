using System.Numerics;
using Marten;
using Sora.Domain.Cameos;
using Sora.Domain.Moderation;
using Sora.Domain.Privacy;

namespace Sora.Render.Cameos;

/// <summary>An account's likeness in force, or (<paramref name="OptOut"/>) an opt-out in force: its identity template, for matching faces found in uploads and recordings.</summary>
public sealed record IndexedTemplate(Guid CameoId, Guid OwnerId, float[] Template, bool OptOut = false);

/// <summary>
/// The face template of every account's likeness in force (<see cref="Likenesses"/>: one per account; unverified,
/// failed-first and deleted cameos have none, and a failed re-record keeps the verified template), decrypted once
/// into memory and reloaded when that set changes (a cheap fingerprint query decides). Matching is a brute-force cosine scan with
/// SIMD: 100,000 templates of 512 floats is about 51 million multiply-adds, tens of milliseconds on one core.
/// </summary>
public sealed class CameoTemplateIndex(IDocumentStore store, PersonalDataVault vault)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private long? _fingerprint;
    private IReadOnlyList<IndexedTemplate> _templates = [];

    public async Task<IReadOnlyList<IndexedTemplate>> CurrentAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var verified = session.Query<Cameo>().Where(Likenesses.InForce);
        // A fingerprint of the set: the sum of a hash of (cameo, LikenessVersion) over every likeness in force, plus its
        // count. Every verification adds one to its cameo's version and every deletion leaves the set, so a re-record,
        // a new likeness, or a deletion and a verification together all change it: order- and clock-independent.
        var table = $"{store.Options.DatabaseSchemaName}.mt_doc_cameo";
        // Opt-outs in force (people without an account) are in the same set, with their own version.
        var optOuts = $"{store.Options.DatabaseSchemaName}.mt_doc_likenessoptout";
        var fingerprint = (await session.QueryAsync<long>(
            $"select (select count(*) * 4294967296 + coalesce(sum(hashtext(id::text || ':' || likeness_version::text)), 0) from {table} where likeness_in_force) " +
            $"+ (select count(*) * 4294967296 + coalesce(sum(hashtext('opt-out:' || id::text || ':' || version::text)), 0) from {optOuts} where in_force)",
            ct)).Single();
        if (fingerprint == _fingerprint) return _templates;

        await _reload.WaitAsync(ct);
        try
        {
            if (fingerprint == _fingerprint) return _templates;
            var cameos = await verified.ToListAsync(ct);
            var owners = Likenesses.OnePerAccount(cameos).ToDictionary(c => c.Id, c => c.OwnerId);
            var templates = new List<IndexedTemplate>(owners.Count);
            foreach (var chunk in owners.Keys.Chunk(1000))
            {
                var opened = await vault.OpenManyAsync<float[]>(session, chunk, Sora.Domain.Cameos.CompleteVerificationHandler.TemplateKind, ct);
                templates.AddRange(opened.Select(kv => new IndexedTemplate(kv.Key, owners[kv.Key], kv.Value)));
            }
            var inForce = await session.Query<LikenessOptOut>().Where(o => o.InForce).Select(o => o.Id).ToListAsync(ct);
            foreach (var chunk in inForce.Chunk(1000))
            {
                var opened = await vault.OpenManyAsync<float[]>(session, chunk, LikenessOptOuts.TemplateKind, ct);
                templates.AddRange(opened.Select(kv => new IndexedTemplate(kv.Key, Guid.Empty, kv.Value, OptOut: true)));
            }
            _templates = templates;
            _fingerprint = fingerprint;
            return templates;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>The templates at or above <paramref name="threshold"/> cosine similarity to a unit-length face vector.</summary>
    public static IEnumerable<(IndexedTemplate Template, float Similarity)> Matches(IReadOnlyList<IndexedTemplate> templates, float[] face, float threshold)
    {
        foreach (var t in templates)
        {
            var similarity = Dot(t.Template, face);
            if (similarity >= threshold) yield return (t, similarity);
        }
    }

    /// <summary>Dot product of two unit vectors (= cosine), vectorized.</summary>
    public static float Dot(float[] a, float[] b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        var dot = Vector.Sum(sum);
        for (; i < a.Length; i++) dot += a[i] * b[i];
        return dot;
    }
}

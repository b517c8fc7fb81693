using Sora.Domain.Media;
using Sora.Domain.Text;
using Sora.Domain.Credits;
using Sora.Domain.Generations;
using Sora.Render.Generations;
using Sora.Render.Media;
using Sora.Render.Models;
using Sora.Render.Provenance;

namespace Sora.GraphQL.Composition;

public static class GenerationSetup
{
    /// <summary>
    /// The render stack behind its interfaces: the media store, the prompt embedder (the sentence model), the video model (the built-in
    /// ONNX scene model; another model registers its own IVideoModel), the provenance key, and the price rules.
    /// </summary>
    public static IServiceCollection AddSoraGeneration(this IServiceCollection services, SoraOptions sora)
    {
        var key = sora.Provenance.SigningKey
                  ?? throw new InvalidOperationException("Sora:Provenance:SigningKey is not set (./sora up generates one in .sora/keys.env).");
        var signer = ProvenanceSigner.LoadOrCreate(sora.Provenance.Directory, ProvenanceKey.FromBase64(key));
        services.AddSingleton(signer);
        services.AddSingleton(ProvenanceVerifier.Trusting(signer, sora.Provenance.TrustAnchors.SelectMany(LoadAnchors)));
        services.AddSingleton<Sora.GraphQL.Schema.Generations.VerifyProvenance>();
        services.AddSingleton<IMediaStore>(new LocalMediaStore(sora.Media.Root));
        // Staydown's fingerprints (frame hashes and Chromaprint), for the checks in Domain and the removal job.
        services.AddSingleton<Sora.Domain.Moderation.IMediaFingerprinter, Sora.Render.Moderation.StaydownFingerprinter>();
        // The sentence model (all-MiniLM-L6-v2, 384 dimensions): content vectors, interest vectors, assistant topics
        // and restriction matching all compare prompts with it.
        services.AddSingleton<IPromptEmbedder>(sp => new SentenceEmbedder(sp.GetRequiredService<ModelOptions>()));
        // The two built-in looks: the world model (plans with the sentence model) and the abstract CPPN.
        services.AddSingleton(sp => new SceneModel(sp.GetRequiredService<ModelOptions>()));
        services.AddSingleton(sp => new Sora.Render.Models.World.WorldModel(sp.GetRequiredService<ModelOptions>(),
            new Sora.Render.Models.World.ScenePlanner(sp.GetRequiredService<IPromptEmbedder>())));
        services.AddSingleton(sp => new VideoModels(new Dictionary<VideoStyle, IVideoModel>
        {
            // An operator's generation server, when configured, renders the WORLD style instead of the built-in model.
            [VideoStyle.World] = sora.Generation.ComfyUi.Enabled
                ? new Sora.Render.Models.External.ComfyUiModel(sora.Generation.ComfyUi,
                    new HttpClient { Timeout = TimeSpan.FromSeconds(sora.Generation.ComfyUi.TimeoutSeconds) })
                : sp.GetRequiredService<Sora.Render.Models.World.WorldModel>(),
            [VideoStyle.Abstract] = sp.GetRequiredService<SceneModel>(),
        }));
        // Both models keep the CPPN's lexical conditioning for the renderer's embedding (why: SceneModel); the world
        // model reads the prompt itself, through the sentence model.
        services.AddSingleton(sp => new VideoRenderer(sp.GetRequiredService<VideoModels>(), SceneModel.Conditioning,
            sp.GetRequiredService<ProvenanceSigner>(), sp.GetRequiredService<ProvenanceVerifier>()));
        services.AddSingleton<IRenderProgress, Sora.GraphQL.Schema.Generations.GenerationProgress>();
        services.AddSingleton(sora.Generation.RenderDeadline);
        services.AddSingleton(new CreditPolicy { DailyFreeQuota = sora.Generation.DailyFreeQuota });
        services.AddSingleton(new PricingPolicy { SurgeThreshold = sora.Generation.SurgeThreshold, MaxSurge = sora.Generation.MaxSurge });
        return services;
    }

    private static IEnumerable<System.Security.Cryptography.X509Certificates.X509Certificate2> LoadAnchors(string path)
    {
        var anchors = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        anchors.ImportFromPemFile(path);
        return anchors;
    }
}

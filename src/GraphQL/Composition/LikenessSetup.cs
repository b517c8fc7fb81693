using Sora.Render.Cameos;
using Sora.Render.Models;

namespace Sora.GraphQL.Composition;

public static class LikenessSetup
{
    /// <summary>
    /// The face and voice models behind their interfaces. Registered on every node, loaded on first use (only
    /// workers verify). Sora:Models:Directory or SORA_MODELS picks the model files; Sora:Models:PreferCuda=false
    /// forces the CPU.
    /// </summary>
    public static IServiceCollection AddSoraLikenessModels(this IServiceCollection services, IConfiguration config)
    {
        var options = new ModelOptions();
        config.GetSection("Sora:Models").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton<IFaceDetector>(sp => new UltraFaceDetector(sp.GetRequiredService<ModelOptions>()));
        services.AddSingleton<IFaceLandmarker>(sp => new OnnxFaceLandmarker(sp.GetRequiredService<ModelOptions>()));
        services.AddSingleton<IFaceEmbedder>(sp => new OnnxFaceEmbedder(sp.GetRequiredService<ModelOptions>()));
        services.AddSingleton<ISpeechDetector>(sp => new SileroSpeechDetector(sp.GetRequiredService<ModelOptions>()));
        services.AddSingleton(new VerificationPolicy());
        services.AddSingleton<LikenessVerifier>();
        services.AddSingleton<CameoTemplateIndex>();
        services.AddSingleton<LikenessProtection>();
        services.AddSingleton<Sora.Domain.Cameos.ILikenessScanner>(sp => sp.GetRequiredService<LikenessProtection>());
        return services;
    }
}

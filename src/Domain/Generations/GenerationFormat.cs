namespace Sora.Domain.Generations;

public enum VideoAspect
{
    Portrait9x16,
    Square1x1,
    Landscape16x9,
}

/// <summary>
/// Which built-in look renders the video: <see cref="World"/> (sora-world-1, the prompt as a simulated scene) or
/// <see cref="Abstract"/> (sora-cppn-1, the prompt as moving colour fields).
/// </summary>
public enum VideoStyle
{
    World,
    Abstract,
}

public enum VideoResolution
{
    Sd480,
    Hd720,
    Fhd1080,
}

/// <summary>Frame sizes and the other fixed facts of the output format.</summary>
public static class GenerationFormat
{
    public static readonly int[] Durations = [5, 10, 15];
    public const int Fps = 24;
    public const int MaxPromptLength = 1000;
    public const int MaxCameos = 2;

    /// <summary>The short side is the resolution's height; sizes are even (yuv420p needs it).</summary>
    public static (int Width, int Height) Size(VideoAspect aspect, VideoResolution resolution)
    {
        var shortSide = resolution switch { VideoResolution.Sd480 => 480, VideoResolution.Hd720 => 720, _ => 1080 };
        var longSide = (int)Math.Round(shortSide * 16 / 9.0 / 2) * 2;
        return aspect switch
        {
            VideoAspect.Portrait9x16 => (shortSide, longSide),
            VideoAspect.Square1x1 => (shortSide, shortSide),
            _ => (longSide, shortSide),
        };
    }
}

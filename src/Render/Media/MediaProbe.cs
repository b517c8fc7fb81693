using FFMpegCore;

namespace Sora.Render.Media;

/// <summary>What ffprobe says a file is. The content decides, never the file name or the declared type.</summary>
public sealed record MediaInfo(string Format, TimeSpan Duration, int Width, int Height, double FrameRate, bool HasVideo, bool HasAudio,
    string? VideoCodec, string? AudioCodec);

public static class MediaProbe
{
    /// <summary>Probes a file; null when ffprobe cannot read it as media at all.</summary>
    public static async Task<MediaInfo?> ProbeAsync(string path, CancellationToken ct = default)
    {
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: ct);
        }
        catch (Exception e) when (e is FFMpegCore.Exceptions.FFMpegException or FFMpegCore.Exceptions.FormatNullException
                                      or System.Text.Json.JsonException or InvalidOperationException)
        {
            return null;
        }
        var video = analysis.PrimaryVideoStream;
        var audio = analysis.PrimaryAudioStream;
        return new MediaInfo(analysis.Format.FormatName, analysis.Duration, video?.Width.GetValueOrDefault() ?? 0, video?.Height.GetValueOrDefault() ?? 0,
            video?.AverageFrameRate ?? 0, video is not null, audio is not null, video?.CodecName, audio?.CodecName);
    }
}

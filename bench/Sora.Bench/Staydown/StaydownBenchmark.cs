using System.Diagnostics;
using System.Security.Cryptography;
using Sora.Domain.Moderation;
using Sora.Domain.Text;
using Sora.Render.Generations;
using Sora.Render.Models;
using Sora.Render.Moderation;
using Sora.Render.Provenance;

namespace Sora.Bench.Staydown;

/// <summary>
/// ./sora bench staydown [--rendered N]: the staydown matcher on transformed copies and on unrelated media.
/// Sources: the distinct fixture clips (SORA_FIXTURES), plus N videos from the app's own renderer (default 3; 0 skips
/// them). Each source is "removed" (its fingerprint becomes an entry); ffmpeg makes copies of it (re-encodes, half
/// scale, crops of 10 %, mirror, 1.1x speed, drawn text, and a still frame); each copy is matched against its own
/// source (a true match expected) and against every other source (a false match if it matches). Prints the rates per
/// transform and the distance figures the thresholds come from. Nothing is asserted.
/// </summary>
public static class StaydownBenchmark
{
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>The transforms, as ffmpeg video (and audio) filters and codec arguments. "still" grabs a frame as PNG.</summary>
    public static readonly (string Name, string[] Args)[] Transforms =
    [
        ("reencode-crf38", ["-c:v", "libx264", "-preset", "veryfast", "-crf", "38", "-c:a", "aac", "-b:a", "64k"]),
        ("reencode-mpeg4", ["-c:v", "mpeg4", "-q:v", "10", "-c:a", "aac", "-b:a", "64k"]),
        ("scale-half", ["-vf", "scale=trunc(iw/4)*2:-2", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("reencode+scale", ["-vf", "scale=trunc(iw/4)*2:-2", "-c:v", "mpeg4", "-q:v", "8", "-c:a", "aac", "-b:a", "64k"]),
        ("crop-10-centre", ["-vf", "crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("crop-10-corner", ["-vf", "crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2:0:0", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("mirror", ["-vf", "hflip", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("speed-1.1x", ["-filter_complex", "[0:v]setpts=PTS/1.1[v];[0:a]atempo=1.1[a]", "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("drawtext", ["-vf", $"drawtext=fontfile={Font}:text='reposted lol':fontsize=h/12:fontcolor=white:box=1:boxcolor=black@0.5:x=(w-tw)/2:y=h*0.78",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "28", "-c:a", "aac"]),
        ("mirror+crop+text", ["-vf", $"hflip,crop=trunc(iw*0.9/2)*2:trunc(ih*0.9/2)*2,drawtext=fontfile={Font}:text='@someone':fontsize=h/14:fontcolor=yellow:x=20:y=20",
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "30", "-c:a", "aac"]),
        ("still-frame", ["-ss", "1.5", "-frames:v", "1", "-vf", "scale=trunc(iw/4)*2:-2"]),
    ];

    public static async Task RunAsync(string[] args)
    {
        var rendered = args.Length >= 2 && args[0] == "--rendered" ? int.Parse(args[1]) : 3;
        var fixtures = Environment.GetEnvironmentVariable("SORA_FIXTURES") ?? Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/fixtures");
        var work = Directory.CreateTempSubdirectory("sora-staydown-bench-").FullName;
        try
        {
            var sources = new List<(string Name, string Path)>
            {
                ("valid-a", Path.Combine(fixtures, "cameo/valid-a.mp4")), ("valid-b", Path.Combine(fixtures, "cameo/valid-b.mp4")),
                ("valid-c", Path.Combine(fixtures, "cameo/valid-c.webm")), ("no-face", Path.Combine(fixtures, "cameo/no-face.mp4")),
                ("two-faces", Path.Combine(fixtures, "cameo/two-faces-at-once.mp4")),
                ("scenery-4s", Path.Combine(fixtures, "media/scenery-4s.mp4")), ("person-b-clip", Path.Combine(fixtures, "media/person-b-clip.mp4")),
            };
            sources.AddRange(await RenderAsync(rendered, work));
            var fingerprinter = new StaydownFingerprinter();
            var watch = Stopwatch.StartNew();
            var entries = new List<(string Name, StaydownEntry Entry)>();
            foreach (var (name, path) in sources)
            {
                var print = await fingerprinter.FingerprintAsync(path, CancellationToken.None);
                entries.Add((name, new StaydownEntry(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ReportReason.Other, print.Frames, print.Variants, print.Audio,
                    print.Seconds, DateTimeOffset.UtcNow)));
            }
            Console.WriteLine($"{sources.Count} sources fingerprinted in {watch.Elapsed.TotalSeconds:0.0} s " +
                              $"({string.Join(", ", entries.Select(e => $"{e.Name}: {e.Entry.Frames.Length} frames, {e.Entry.Audio.Length} sound"))})");

            var unrelated = (Pairs: 0, Matched: 0, FrameOnly: 0, AudioOnly: 0);
            var closest = new List<double>();
            Console.WriteLine();
            Console.WriteLine($"{"transform",-18} {"true",7} {"share min/med",14} {"ber med",8} {"false",9}  unrelated share max");
            foreach (var (transform, targs) in Transforms)
            {
                int hits = 0, falses = 0, pairs = 0;
                var shares = new List<double>();
                var bers = new List<double>();
                var maxUnrelated = 0.0;
                for (var i = 0; i < sources.Count; i++)
                {
                    var copy = Path.Combine(work, $"{sources[i].Name}.{transform}.{(transform == "still-frame" ? "png" : "mp4")}");
                    await FfmpegAsync(["-i", sources[i].Path, .. targs, copy]);
                    var probe = await fingerprinter.FingerprintAsync(copy, CancellationToken.None);
                    var own = StaydownMatcher.Score(probe, entries[i].Entry);
                    shares.Add(own.FrameShare);
                    bers.Add(own.AudioBer);
                    if (StaydownMatcher.Matches(probe, own)) hits++;
                    for (var j = 0; j < sources.Count; j++)
                    {
                        if (j == i) continue;
                        var other = StaydownMatcher.Score(probe, entries[j].Entry);
                        pairs++;
                        maxUnrelated = Math.Max(maxUnrelated, other.FrameShare);
                        closest.Add(other.FrameShare);
                        if (other.AudioBer <= StaydownMatcher.AudioBer) unrelated.AudioOnly++;
                        if (other.FrameShare >= StaydownMatcher.VideoShare) unrelated.FrameOnly++;
                        if (StaydownMatcher.Matches(probe, other))
                        {
                            falses++;
                            Console.WriteLine($"   false match: {sources[i].Name}.{transform} ~ {sources[j].Name} (share {other.FrameShare:0.00}, ber {other.AudioBer:0.00})");
                        }
                    }
                }
                unrelated = (unrelated.Pairs + pairs, unrelated.Matched + falses, unrelated.FrameOnly, unrelated.AudioOnly);
                shares.Sort();
                bers.Sort();
                Console.WriteLine($"{transform,-18} {hits,3}/{sources.Count,-3} {shares[0],6:0.00}/{shares[shares.Count / 2],-6:0.00} {bers[bers.Count / 2],8:0.00} {falses,4}/{pairs,-4}  {maxUnrelated:0.00}");
            }

            // Originals against each other: unrelated media, no transform at all.
            for (var i = 0; i < sources.Count; i++)
            for (var j = 0; j < sources.Count; j++)
            {
                if (i == j) continue;
                var probe = new MediaFingerprint(entries[i].Entry.Frames, entries[i].Entry.Variants, entries[i].Entry.Audio, entries[i].Entry.Seconds);
                var score = StaydownMatcher.Score(probe, entries[j].Entry);
                unrelated.Pairs++;
                if (score.AudioBer <= StaydownMatcher.AudioBer) unrelated.AudioOnly++;
                if (StaydownMatcher.Matches(probe, score))
                {
                    unrelated.Matched++;
                    Console.WriteLine($"   false match: {sources[i].Name} ~ {sources[j].Name} (share {score.FrameShare:0.00}, ber {score.AudioBer:0.00})");
                }
            }
            closest.Sort();
            Console.WriteLine();
            Console.WriteLine($"unrelated pairs: {unrelated.Matched}/{unrelated.Pairs} matched (false-match rate {(double)unrelated.Matched / unrelated.Pairs:P2}); " +
                              $"frame share >= {StaydownMatcher.VideoShare} alone: {unrelated.FrameOnly}; sound alone (ber <= {StaydownMatcher.AudioBer}): {unrelated.AudioOnly}; " +
                              $"frame share 99th percentile {closest[(int)(closest.Count * 0.99)]:0.00}");
            Console.WriteLine($"thresholds: frame distance <= {StaydownMatcher.FrameDistance} (image {StaydownMatcher.ImageDistance}) of 63 bits, share >= {StaydownMatcher.VideoShare} " +
                              $"(>= {StaydownMatcher.VideoShareWithAudio} with sound ber <= {StaydownMatcher.AudioBer}), at least {StaydownMatcher.MinFrames} frames; {StaydownFingerprinter.Fps} fps");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Videos from the app's own renderer, different prompts (their scenes share a style, the hard case).</summary>
    private static async Task<List<(string, string)>> RenderAsync(int count, string work)
    {
        string[] prompts =
        [
            "a red ball bounces across a sunny beach", "two cats chase each other in a kitchen at night",
            "a rocket launches over a snowy mountain", "a skateboarder rolls through a neon city street",
            "a sailboat crosses a calm lake at dawn",
        ];
        var list = new List<(string, string)>();
        if (count <= 0) return list;
        using var model = new SceneModel(new ModelOptions { PreferCuda = Environment.GetEnvironmentVariable("SORA_BENCH_CPU") != "1" });
        using var key = new ProvenanceKey(RandomNumberGenerator.GetBytes(32));
        using var signer = ProvenanceSigner.LoadOrCreate(Directory.CreateTempSubdirectory("sora-bench-provenance-").FullName, key);
        var renderer = new VideoRenderer(model, new LexicalPromptEmbedder(), signer, ProvenanceVerifier.Trusting(signer));
        for (var i = 0; i < Math.Min(count, prompts.Length); i++)
        {
            var job = new RenderJob(Guid.NewGuid(), prompts[i], "bench", 480, 480, 5, 24, 11 + i);
            var output = await renderer.RenderAsync(job, _ => Task.CompletedTask, () => Task.CompletedTask, CancellationToken.None);
            var path = Path.Combine(work, $"rendered-{i}.mp4");
            await File.WriteAllBytesAsync(path, output.Mp4);
            list.Add(($"rendered-{i}", path));
        }
        return list;
    }

    private static async Task FfmpegAsync(string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-y" }.Concat(args)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)}: {errors}");
    }
}

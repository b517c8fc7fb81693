using Sora.Render.Generations;
using Sora.Render.Media;
using Sora.Render.Provenance;
using Xunit;

namespace Sora.Render.Tests.Generations;

/// <summary>The whole pipeline with the real model, ffmpeg and espeak-ng; every output is checked with ffprobe.</summary>
[Collection("render")]
public sealed class RenderPipelineTests(RenderFixture fixture)
{
    private static async Task<(MediaInfo Info, string Path)> CheckPlayableAsync(byte[] mp4, double seconds, int width, int height)
    {
        var path = await RenderSupport.SaveAsync(mp4);
        var info = await MediaProbe.ProbeAsync(path);
        Assert.NotNull(info);
        Assert.Equal("h264", info!.VideoCodec);
        Assert.Equal("aac", info.AudioCodec);
        Assert.True(info.HasAudio);
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.InRange(info.Duration.TotalSeconds, seconds - 0.1, seconds + 0.1);
        Assert.Equal("", await RenderSupport.DecodeErrorsAsync(path));
        var pixelFormat = (await FFMpegCore.FFProbe.AnalyseAsync(path)).PrimaryVideoStream!.PixelFormat;
        Assert.Equal("yuv420p", pixelFormat);
        return (info, path);
    }

    [Fact]
    public async Task Text_to_video_is_a_playable_mp4_with_speech_captions_and_a_valid_signed_manifest()
    {
        const string prompt = "a drum kit on a stage, the drummer hits hard and says \"hello from Sora\"";
        var job = RenderSupport.Job(prompt) with { ConsentReceipts = ["abc123"], Dialogue = Sora.Domain.Generations.GenerationRules.Dialogue(prompt) };
        Assert.Equal(["hello from Sora"], job.Dialogue);
        var output = await fixture.RenderAsync(job);
        var (_, path) = await CheckPlayableAsync(output.Mp4, 5, 480, 270);
        try
        {
            // faststart: moov before mdat, and the manifest box right after ftyp.
            var boxes = Mp4Boxes.TopLevel(output.Mp4);
            Assert.Equal("ftyp", boxes[0].Type);
            Assert.Equal(C2paBmff.C2paUuid, boxes[1].UserType);
            Assert.True(boxes.FindIndex(b => b.Type == "moov") < boxes.FindIndex(b => b.Type == "mdat"));

            var report = fixture.Verifier.Verify(output.Mp4);
            Assert.Equal(ProvenanceState.Trusted, report.State);
            Assert.Contains(fixture.Key.KeyId, report.Signer);
            Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, report.Actions[0].DigitalSourceType);
            Assert.Equal(["abc123"], report.Receipts);

            // Speech was placed, and the mix is audible where it was placed.
            Assert.NotNull(output.Sound.SpeechStartSeconds);
            var clip = await MediaDecoder.DecodeAsync(path, 1, 64, TimeSpan.FromSeconds(10));
            var speechWindow = clip.Audio16k.Skip((int)(16000 * (output.Sound.SpeechStartSeconds!.Value + 0.2))).Take(8000).Select(Math.Abs).Average();
            Assert.True(speechWindow > 0.01, $"speech level {speechWindow}");
            Assert.NotEmpty(output.Sound.ImpactSeconds);
            Assert.True(output.PosterJpeg.Length > 1000 && output.PosterJpeg[0] == 0xFF && output.PosterJpeg[1] == 0xD8);

            // The poster is the video's frame a third of the way in, watermark included: inside the mark's box the two agree
            // (measured: 9.6 against the marked frame, 40.5 for an unmarked poster,
            // 39 against the next frame).
            var poster = await StillImage.DecodeBytesAsync(output.PosterJpeg, 480, 270);
            var frames = (await MediaDecoder.DecodeAsync(path, 24, 480, TimeSpan.FromSeconds(2))).Frames;
            var layout = VideoRenderer.WatermarkFor(job).Layout(480, 270);
            var (x, y) = layout.At(40 / 24.0);
            var box = ((int)x, (int)y, (int)layout.BlockWidth, (int)layout.BlockHeight);
            var inBox = RenderSupport.Distance(Crop(poster, box), Crop(frames[40].Frame, box));
            Assert.True(inBox < 20, $"poster against the video's frame, inside the mark: {inBox:0.0}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static RgbImage Crop(RgbImage image, (int X, int Y, int W, int H) box)
    {
        var pixels = new byte[box.W * box.H * 3];
        for (var row = 0; row < box.H; row++)
            Array.Copy(image.Pixels, ((box.Y + row) * image.Width + box.X) * 3, pixels, row * box.W * 3, box.W * 3);
        return new RgbImage(box.W, box.H, pixels);
    }

    [Fact]
    public async Task Changing_any_byte_of_the_media_invalidates_the_manifest()
    {
        var output = await fixture.RenderAsync(RenderSupport.Job("waves rolling onto a beach at sunset") with { Width = 256, Height = 144 });
        Assert.Equal(ProvenanceState.Trusted, fixture.Verifier.Verify(output.Mp4).State);
        var boxes = Mp4Boxes.TopLevel(output.Mp4);
        // ftyp is outside the BMFF hash by the C2PA defaults (the official reader ignores a change there too).
        foreach (var box in boxes.Where(b => b.Type != "ftyp"))
        {
            foreach (var at in new[] { box.Offset + box.Size / 2, box.Offset + box.Size - 1, box.Offset + 3 })
            {
                var tampered = (byte[])output.Mp4.Clone();
                tampered[at] ^= 0x01;
                Assert.Equal(ProvenanceState.Invalid, fixture.Verifier.Verify(tampered).State);
            }
        }
        // A verifier without this instance's CA finds it intact but cannot trust the signer.
        var foreign = new ProvenanceVerifier([]).Verify(output.Mp4);
        Assert.Equal((ProvenanceState.Valid, "signingCredential.untrusted"), (foreign.State, Assert.Single(foreign.Failures).Code));
    }

    [Fact]
    public async Task Image_to_video_animates_the_input_image()
    {
        var image = Fixtures.Path("media/landscape-lake.jpg");
        var output = await fixture.RenderAsync(RenderSupport.Job("the lake at dusk, slow camera move") with { ImagePath = image });
        var (_, path) = await CheckPlayableAsync(output.Mp4, 5, 480, 270);
        try
        {
            var frames = (await MediaDecoder.DecodeAsync(path, 2, 480, TimeSpan.FromSeconds(10))).Frames.Select(f => f.Frame).ToList();
            var still = await StillImage.DecodeAsync(image, 480);
            var reference = still.CropResize(0, (still.Height - 270f * still.Width / 480) / 2, still.Width, 270f * still.Width / 480, 480, 270);
            // It shows the image (far closer to it than a text-only render of the same prompt) and it moves.
            var textOnly = await fixture.RenderAsync(RenderSupport.Job("the lake at dusk, slow camera move"));
            var textPath = await RenderSupport.SaveAsync(textOnly.Mp4);
            var textFrame = (await MediaDecoder.DecodeAsync(textPath, 2, 480, TimeSpan.FromSeconds(10))).Frames[0].Frame;
            File.Delete(textPath);
            var toImage = RenderSupport.Distance(RenderSupport.Thumb(frames[0]), RenderSupport.Thumb(reference));
            var textToImage = RenderSupport.Distance(RenderSupport.Thumb(textFrame), RenderSupport.Thumb(reference));
            Assert.True(toImage < textToImage / 2, $"i2v {toImage:0.0} vs text {textToImage:0.0}");
            var motion = RenderSupport.Distance(frames[0], frames[^1]);
            Assert.True(motion > 4, $"camera motion {motion:0.0}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Remix_re_renders_the_source_frames_through_the_model()
    {
        var source = Fixtures.Path("media/scenery-4s.mp4");
        var prompt = "the dock in a dream, painted colours";
        var remix = await fixture.RenderAsync(RenderSupport.Job(prompt) with
        {
            RemixSourcePath = source, Inputs = [new ProvenanceInput(source, "video/mp4", "the source", "sora:video:parent")],
        });
        var plain = await fixture.RenderAsync(RenderSupport.Job(prompt));
        var (_, path) = await CheckPlayableAsync(remix.Mp4, 5, 480, 270);
        var plainPath = await RenderSupport.SaveAsync(plain.Mp4);
        try
        {
            var original = (await MediaDecoder.DecodeAsync(source, 2, 480, TimeSpan.FromSeconds(1))).Frames[0].Frame;
            var remixed = (await MediaDecoder.DecodeAsync(path, 2, 480, TimeSpan.FromSeconds(1))).Frames[0].Frame;
            var unrelated = (await MediaDecoder.DecodeAsync(plainPath, 2, 480, TimeSpan.FromSeconds(1))).Frames[0].Frame;
            var toSource = RenderSupport.Distance(RenderSupport.Thumb(remixed), RenderSupport.Thumb(original));
            var plainToSource = RenderSupport.Distance(RenderSupport.Thumb(unrelated), RenderSupport.Thumb(original));
            Assert.True(toSource < plainToSource * 0.75, $"remix {toSource:0.0} vs plain {plainToSource:0.0}");
            Assert.True(toSource > 2, "the remix is re-rendered, not a copy");
            var report = fixture.Verifier.Verify(remix.Mp4);
            Assert.Equal(["sora:video:parent"], Assert.Single(report.Actions).Ingredients);
            Assert.Equal(("inputTo", ProvenanceState.Absent), (Assert.Single(report.Ingredients).Relationship, report.Ingredients[0].ManifestState));
        }
        finally
        {
            File.Delete(path);
            File.Delete(plainPath);
        }
    }

    [Fact]
    public async Task A_cameo_likeness_is_placed_in_the_scene()
    {
        // Compared with the same render without the cameo, so the faces counted are the likeness and not the scene.
        // Counted over ten frames, not one: detector scores move a little between CPUs (float kernels differ), so a
        // single frame, or "exactly one box", would make the test depend on the machine rather than on the placement.
        var face = await StillImage.DecodeAsync(Fixtures.Path("faces/person-a.png"), 256);
        var withCameo = await FramesWithAFaceAsync(RenderSupport.Job("@alex walking by the sea") with { CameoFaces = [face] });
        var without = await FramesWithAFaceAsync(RenderSupport.Job("@alex walking by the sea"));
        Assert.True(withCameo >= 8, $"a face in {withCameo} of 10 frames with the cameo");
        Assert.True(without <= 1, $"a face in {without} of 10 frames without it");
    }

    private async Task<int> FramesWithAFaceAsync(RenderJob job)
    {
        var output = await fixture.RenderAsync(job);
        var (_, path) = await CheckPlayableAsync(output.Mp4, 5, 480, 270);
        try
        {
            var frames = (await MediaDecoder.DecodeAsync(path, 2, 480, TimeSpan.FromSeconds(5))).Frames;
            Assert.Equal(10, frames.Count);
            using var detector = new Sora.Render.Cameos.UltraFaceDetector(Fixtures.Models);
            return frames.Count(f => detector.Detect(f.Frame).Count > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

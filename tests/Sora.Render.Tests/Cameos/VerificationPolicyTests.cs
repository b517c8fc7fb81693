using Sora.Render.Cameos;
using Xunit;

namespace Sora.Render.Tests.Cameos;

/// <summary>The rules alone, on synthetic observations: order of checks and each threshold's edge.</summary>
public sealed class VerificationPolicyTests
{
    private static readonly float[] Alice = FaceTemplate.Normalize([1, 0, 0, 0]);
    private static readonly float[] Bob = FaceTemplate.Normalize([0, 1, 0, 0]);
    private readonly VerificationPolicy _policy = new();

    private static List<FrameObservation> Recording(Func<double, (int Faces, float Yaw, float[] Who)> at, double seconds = 7, double fps = 5) =>
        Enumerable.Range(0, (int)(seconds * fps)).Select(i =>
        {
            var t = i / fps;
            var (faces, yaw, who) = at(t);
            return faces == 1 ? new FrameObservation(TimeSpan.FromSeconds(t), 1, yaw, who) : new FrameObservation(TimeSpan.FromSeconds(t), faces, null, null);
        }).ToList();

    private static (int, float, float[]) Turning(double t) => (1, t is > 2 and < 3 ? -0.2f : t is > 4 and < 5 ? 0.2f : 0f, Alice);

    [Fact]
    public void A_good_recording_verifies_with_a_template() =>
        Assert.True(_policy.Decide(7, 7, true, Recording(Turning), 4.5).Verified);

    [Fact]
    public void Each_rule_refuses_with_its_reason()
    {
        Assert.Equal(VerificationFailure.TooShort, _policy.Decide(2.9, 2.9, true, Recording(Turning, 2.9), 2).Failure);
        Assert.Equal(VerificationFailure.UnreadableMedia, _policy.Decide(7, 1.6, false, Recording(Turning, 1.6), 1).Failure);
        Assert.Equal(VerificationFailure.NoFace, _policy.Decide(7, 7, true, Recording(t => t < 5 ? (0, 0, Alice) : Turning(t)), 4.5).Failure);
        Assert.Equal(VerificationFailure.MultipleFaces, _policy.Decide(7, 7, true, Recording(t => (2, 0, Alice)), 4.5).Failure);
        Assert.Equal(VerificationFailure.IdentityChanged,
            _policy.Decide(7, 7, true, Recording(t => t < 3.5 ? Turning(t) : (1, Turning(t).Item2, Bob)), 4.5).Failure);
        Assert.Equal(VerificationFailure.NoLivenessMotion, _policy.Decide(7, 7, true, Recording(t => (1, 0, Alice)), 4.5).Failure);
        Assert.Equal(VerificationFailure.NoLivenessMotion,
            _policy.Decide(7, 7, true, Recording(t => (1, t is > 2 and < 3 ? -0.2f : 0f, Alice)), 4.5).Failure); // one way only
        Assert.Equal(VerificationFailure.NoSpeech, _policy.Decide(7, 7, true, Recording(Turning), 1.4).Failure);
    }

    [Fact]
    public void A_single_glitched_frame_is_not_a_head_turn()
    {
        var glitch = Recording(t => (1, Math.Abs(t - 2.0) < 0.01 ? -0.5f : Math.Abs(t - 4.0) < 0.01 ? 0.5f : 0f, Alice));
        Assert.Equal(VerificationFailure.NoLivenessMotion, _policy.Decide(7, 7, true, glitch, 4.5).Failure);
    }
}

using System.Security.Cryptography;

namespace Sora.Domain.Cameos;

/// <summary>
/// The phrase to read aloud: random digits, so a recording made for another service or another day does not fit.
/// (Speech is checked for presence today; the digits are ready for a speech-recognition check.)
/// </summary>
public static class VerificationPhrases
{
    public static string New() =>
        "I am recording my Sora cameo. My code is " + string.Join(", ", Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetInt32(10))) + ".";

    public static readonly string[] Instructions =
    [
        "Hold the phone at eye level in good light, alone in the frame.",
        "Face the camera for a second.",
        "Turn your head slowly to the left, then back.",
        "Turn your head slowly to the right, then back.",
        "Read the phrase aloud.",
    ];
}

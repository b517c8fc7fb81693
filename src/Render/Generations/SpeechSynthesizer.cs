using System.Diagnostics;

namespace Sora.Render.Generations;

/// <summary>Speech for quoted dialogue, from espeak-ng (installed by ./sora), read as WAV from its stdout.</summary>
public static class SpeechSynthesizer
{
    public static async Task<float[]> SpeakAsync(string text, int sampleRate, string voice = "en-us", CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--stdout", "-v", voice, "-s", "165", text }) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("espeak-ng did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("espeak-ng is not installed (./sora up installs it).", e);
        }
        using (process)
        {
            using var wav = new MemoryStream();
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.BaseStream.CopyToAsync(wav, ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed: {await stderr}");
            var (samples, rate) = Wav.ReadMono16(wav.ToArray());
            return Wav.Resample(samples, rate, sampleRate);
        }
    }
}

/// <summary>Just enough RIFF/WAVE reading for espeak-ng's output (PCM 16-bit).</summary>
public static class Wav
{
    public static (float[] Samples, int Rate) ReadMono16(byte[] bytes)
    {
        if (bytes.Length < 44 || bytes[0] != 'R' || bytes[8] != 'W') throw new InvalidDataException("Not a WAV stream.");
        var rate = BitConverter.ToInt32(bytes, 24);
        var channels = BitConverter.ToInt16(bytes, 22);
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, position, 4);
            var size = BitConverter.ToInt32(bytes, position + 4);
            // espeak-ng writes 0x7FFFFFFF as the data size when streaming to stdout: read to the end.
            if (id == "data")
            {
                var end = size < 0 || position + 8 + (long)size > bytes.Length ? bytes.Length : position + 8 + size;
                var frames = (end - position - 8) / 2 / channels;
                var samples = new float[frames];
                for (var i = 0; i < frames; i++) samples[i] = BitConverter.ToInt16(bytes, position + 8 + i * 2 * channels) / 32768f;
                return (samples, rate);
            }
            position += 8 + size + (size & 1);
        }
        throw new InvalidDataException("WAV stream without data.");
    }

    public static float[] Resample(float[] samples, int from, int to)
    {
        if (from == to || samples.Length == 0) return samples;
        var output = new float[(int)((long)samples.Length * to / from)];
        for (var i = 0; i < output.Length; i++)
        {
            var position = (double)i * from / to;
            var index = (int)position;
            var next = Math.Min(index + 1, samples.Length - 1);
            output[i] = (float)(samples[index] + (samples[next] - samples[index]) * (position - index));
        }
        return output;
    }
}

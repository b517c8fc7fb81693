using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Sora.Integration.Tests.Support;

/// <summary>Runs one of the Node reference-client scripts and reads its JSON lines as they come.</summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly System.Text.StringBuilder _stderr = new();

    private NodeScript(Process process) => _process = process;

    public static NodeScript Start(string script, params string[] args)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = TestSettings.ClientsDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) node._lines.Writer.TryComplete();
            else if (e.Data.StartsWith('{')) node._lines.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (node._stderr) node._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next JSON line; fails with the script's stderr if it ends or stays silent too long.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _lines.Reader.ReadAsync(timeout.Token);
        }
        catch (Exception e) when (e is ChannelClosedException or OperationCanceledException)
        {
            lock (_stderr) throw new InvalidOperationException($"node script gave no output: {_stderr}", e);
        }
    }

    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        return _process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}

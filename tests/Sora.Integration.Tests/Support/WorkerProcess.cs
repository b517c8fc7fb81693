using System.Diagnostics;

namespace Sora.Integration.Tests.Support;

/// <summary>
/// The host binary as a separate OS process (<c>dotnet Sora.GraphQL.dll --role worker</c>), so that a test can kill it
/// the way a machine dies: SIGKILL, no graceful shutdown, no chance to hand its jobs back.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public string Output { get { lock (_output) return string.Join('\n', _output); } }

    public static async Task<WorkerProcess> StartAsync(IDictionary<string, string?> settings)
    {
        // The host's own build output (bin/<configuration>/<tfm>/<rid>, the same layout as this test's), not the copy
        // next to the tests: that folder's dependency graph is the test project's, xunit included.
        var dll = Path.Combine(AppContext.BaseDirectory.Replace(
            Path.Combine("tests", "Sora.Integration.Tests"), Path.Combine("src", "GraphQL")), "Sora.GraphQL.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build Sora.sln first: the worker runs the host binary.", dll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--role");
        info.ArgumentList.Add("worker");
        // Configuration keys become environment variables ("Sora:Schema" is Sora__Schema), as an operator would set them.
        foreach (var (key, value) in settings)
            if (value is not null) info.Environment[key.Replace(":", "__")] = value;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";

        var worker = new WorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        worker._process.OutputDataReceived += (_, e) => worker.Collect(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Collect(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        var exited = worker._process.WaitForExitAsync();
        var first = await Task.WhenAny(worker._started.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != worker._started.Task)
        {
            await worker.DisposeAsync();
            throw new InvalidOperationException($"The worker process did not start:\n{worker.Output}");
        }
        return worker;
    }

    private void Collect(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
        if (line.Contains("Application started")) _started.TrySetResult();
    }

    /// <summary>SIGKILL: the process gets no shutdown hooks, exactly like a lost machine or the OOM killer.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}

using System.Diagnostics;

namespace Sora.Bench.Api;

/// <summary>
/// CPU time spent by this process and by the PostgreSQL server processes on this machine (the private cluster that
/// ./sora bench starts) over a measured span. It says which side limits a figure on a machine whose cores both share.
/// </summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _host, _postgres;

    private CpuMeter(TimeSpan host, TimeSpan postgres) => (_host, _postgres) = (host, postgres);

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime, PostgresTime());

    /// <summary>CPU milliseconds per operation since <see cref="Start"/>: the host's, and PostgreSQL's (NaN when no
    /// server process is visible here, e.g. with SORA_BENCH_DATABASE_URL on another machine).</summary>
    public (double HostMs, double PostgresMs) PerOperation(int operations)
    {
        var host = (Process.GetCurrentProcess().TotalProcessorTime - _host).TotalMilliseconds / operations;
        var postgres = PostgresTime() - _postgres;
        return (host, postgres == TimeSpan.Zero ? double.NaN : postgres.TotalMilliseconds / operations);
    }

    // Read from /proc: a PostgreSQL backend rewrites its command line ("postgres: sora sora_test 127.0.0.1(...)"),
    // which hides it from Process.GetProcessesByName, but its comm stays "postgres". Backends that exit during the
    // span take their time with them; the connection pool keeps ours alive.
    private static TimeSpan PostgresTime()
    {
        const double ticksPerSecond = 100; // USER_HZ, the unit of utime and stime on Linux
        long ticks = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); }
            catch (IOException) { continue; } // exited meanwhile
            catch (UnauthorizedAccessException) { continue; }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open || stat[(open + 1)..close] != "postgres") continue;
            // After the comm: state, ppid, ... utime is the 14th field of the line and stime the 15th.
            var fields = stat[(close + 2)..].Split(' ');
            ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        return TimeSpan.FromSeconds(ticks / ticksPerSecond);
    }
}

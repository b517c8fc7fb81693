using System.Diagnostics;

namespace Sora.Render.Generations;

/// <summary>
/// The busy time of one stage of a render, added up from every piece of work the stage did. Stages run at once on
/// their own tasks, so each adds under a lock-free add.
/// </summary>
public sealed class StageClock
{
    private long _ticks;

    public int Milliseconds => (int)Math.Round(Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks)).TotalMilliseconds);

    /// <summary>Adds the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void AddSince(long startTimestamp) => Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - startTimestamp);

    public T Time<T>(Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            AddSince(start);
        }
    }

    public async Task<T> TimeAsync<T>(Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work();
        }
        finally
        {
            AddSince(start);
        }
    }

    public Task TimeAsync(Func<Task> work) => TimeAsync(async () =>
    {
        await work();
        return true;
    });
}

using System.Diagnostics;

namespace ApexFleet.Benchmarks;

/// <summary>
/// Garbage collections and the share of wall time the process spent paused for them over one part
/// of a benchmark: with a million grains alive, GC is what separates fleet calls from raw calls.
/// </summary>
public readonly struct GcWatch
{
    private readonly long _started;
    private readonly TimeSpan _paused;
    private readonly int _gen0;
    private readonly int _gen1;
    private readonly int _gen2;
    private readonly long _allocated;

    private GcWatch(long started, TimeSpan paused, int gen0, int gen1, int gen2, long allocated)
    {
        _started = started;
        _paused = paused;
        _gen0 = gen0;
        _gen1 = gen1;
        _gen2 = gen2;
        _allocated = allocated;
    }

    public static GcWatch Start() => new(
        Stopwatch.GetTimestamp(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true));

    public GcFigures Stop()
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var paused = GC.GetTotalPauseDuration() - _paused;
        return new GcFigures(
            GC.CollectionCount(0) - _gen0,
            GC.CollectionCount(1) - _gen1,
            GC.CollectionCount(2) - _gen2,
            paused.TotalSeconds,
            GC.GetTotalAllocatedBytes(precise: true) - _allocated,
            elapsed.TotalSeconds);
    }
}

/// <summary>
/// Collections by generation (a gen-2 collection counts in all three), time paused, and bytes
/// allocated: unlike times, allocation per report barely moves between runs, so it judges a change
/// to the hot path where one run's throughput cannot.
/// </summary>
public sealed record GcFigures(
    int Gen0Collections, int Gen1Collections, int Gen2Collections, double PausedSeconds, long AllocatedBytes, double Seconds)
{
    public static readonly GcFigures None = new(0, 0, 0, 0, 0, 0);

    /// <summary>The share of the stretch's wall time spent paused.</summary>
    public double PausedShare => Seconds > 0 ? PausedSeconds / Seconds : 0;

    /// <summary>Two watched stretches as one (e.g. the rounds of a baseline spread over a run).</summary>
    public GcFigures Plus(GcFigures other) => Of(1, other);

    /// <summary>This stretch without a part of it that was watched on its own.</summary>
    public GcFigures Minus(GcFigures part) => Of(-1, part);

    private GcFigures Of(int sign, GcFigures other) => new(
        Gen0Collections + (sign * other.Gen0Collections),
        Gen1Collections + (sign * other.Gen1Collections),
        Gen2Collections + (sign * other.Gen2Collections),
        PausedSeconds + (sign * other.PausedSeconds),
        AllocatedBytes + (sign * other.AllocatedBytes),
        Seconds + (sign * other.Seconds));
}

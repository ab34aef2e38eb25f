using HdrHistogram;

namespace ApexFleet.LoadTest.Statistics;

/// <summary>
/// Round-trip times recorded from many threads at once (HdrHistogram's <see cref="Recorder"/>), read
/// interval by interval without stopping the writers; every interval is also added to the whole run's
/// (docs/REFERENCES.md [R77]).
/// </summary>
public sealed class LatencyLog
{
    /// <summary>Two minutes in microseconds: past any call timeout, so nothing real is clipped.</summary>
    public const long HighestMicros = 120_000_000;

    private readonly Recorder _recorder = new(1, HighestMicros, 3, (id, low, high, digits) => new LongHistogram(id, low, high, digits));
    private readonly LongHistogram _total = new(1, HighestMicros, 3);
    private HistogramBase? _spare;

    public void Record(TimeSpan roundTrip) =>
        _recorder.RecordValue(Math.Clamp((long)Math.Round(roundTrip.TotalMicroseconds), 1, HighestMicros));

    /// <summary>What was recorded since the last call; added to <see cref="Total"/>. Call from one thread.</summary>
    public LatencySummary TakeInterval()
    {
        var interval = _recorder.GetIntervalHistogram(_spare);
        _total.Add(interval);
        _spare = interval;
        return LatencySummary.Of(interval);
    }

    /// <summary>Starts <see cref="Total"/> again from the next interval (a measured run after a warm-up).</summary>
    public void RestartTotal()
    {
        TakeInterval();
        _total.Reset();
    }

    /// <summary>Every interval taken since the start (or the last <see cref="RestartTotal"/>).</summary>
    public LatencySummary Total => LatencySummary.Of(_total);
}

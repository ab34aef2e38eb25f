using HdrHistogram;

namespace ApexFleet.LoadTest.Statistics;

/// <summary>Percentiles of report round-trips, in milliseconds; all zero without samples.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0);

    /// <summary>A histogram of microseconds read as milliseconds.</summary>
    public static LatencySummary Of(HistogramBase micros) => micros.TotalCount == 0
        ? Empty
        : new(
            micros.TotalCount,
            micros.GetValueAtPercentile(50) / 1000.0,
            micros.GetValueAtPercentile(95) / 1000.0,
            micros.GetValueAtPercentile(99) / 1000.0,
            micros.GetMaxValue() / 1000.0,
            micros.GetMean() / 1000.0);
}

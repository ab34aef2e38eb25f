using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Statistics;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// What the fleet measured for one model variant in one scope (a cohort, or the fleet merged): the
/// devices' counters added up, latencies in a mergeable sketch, outcomes per fairness group and the
/// output-score histogram. Everything merges exactly and in any order.
/// </summary>
public sealed class VariantMetrics
{
    private TelemetryCounters _counters;

    /// <summary>Devices that run the variant now; a delta's count may be negative (devices left).</summary>
    public long InstalledDevices { get; set; }

    public ref TelemetryCounters Counters => ref _counters;

    /// <summary>Whether a scope takes part in a rollout's gates: devices run the variant, or reported on it.</summary>
    public bool IsActive => InstalledDevices > 0 || _counters.Reports > 0;

    /// <summary>Whether there is anything to compare against: at least one report.</summary>
    public bool HasReports => _counters.Reports > 0;

    public QuantileSketch Latency { get; set; } = new();

    /// <summary>Each report's peak memory (MB): a device's peak over its report period, so the quantiles are over devices and periods, not a mean of peaks.</summary>
    public QuantileSketch PeakMemory { get; set; } = new();

    /// <summary>Confusion counts by coarse fairness group.</summary>
    public Dictionary<string, ConfusionCounts> Outcomes { get; set; } = new(StringComparer.Ordinal);

    public long[] OutputHistogram { get; set; } = new long[OutputScores.Bins];

    public static VariantMetrics Of(in TelemetryCounters counters, long installedDevices = 0)
    {
        var metrics = new VariantMetrics { InstalledDevices = installedDevices };
        metrics._counters = counters;
        return metrics;
    }

    /// <summary>One device report's measurements as they left the device (outcomes and crashes noised when private).</summary>
    public void Record(in TelemetryCounters period, string group, float[] latenciesMs, int[] outputHistogram)
    {
        _counters.Add(period);
        var outcomes = period.Outcomes;
        if (outcomes.Total > 0)
        {
            AddOutcomes(group, outcomes);
        }

        foreach (var latency in latenciesMs)
        {
            Latency.Add(latency);
        }

        if (period.Reports > 0 && period.PeakMemoryMb > 0)
        {
            PeakMemory.Add(period.PeakMemoryMb / period.Reports);
        }

        for (var i = 0; i < outputHistogram.Length; i++)
        {
            OutputHistogram[i] += outputHistogram[i];
        }
    }

    public void AddOutcomes(string group, ConfusionCounts counts)
    {
        Outcomes[group] = Outcomes.TryGetValue(group, out var existing) ? existing.Merge(counts) : counts;
    }

    public void Merge(VariantMetrics other)
    {
        InstalledDevices += other.InstalledDevices;
        _counters.Add(other._counters);
        Latency.Merge(other.Latency);
        PeakMemory.Merge(other.PeakMemory);
        foreach (var (group, counts) in other.Outcomes)
        {
            AddOutcomes(group, counts);
        }

        for (var i = 0; i < OutputScores.Bins && i < other.OutputHistogram.Length; i++)
        {
            OutputHistogram[i] += other.OutputHistogram[i];
        }
    }

    public VariantMetrics Clone()
    {
        var copy = new VariantMetrics();
        copy.Merge(this);
        return copy;
    }

    public static VariantMetrics MergeAll(IEnumerable<VariantMetrics> parts)
    {
        var total = new VariantMetrics();
        foreach (var part in parts)
        {
            total.Merge(part);
        }

        return total;
    }
}

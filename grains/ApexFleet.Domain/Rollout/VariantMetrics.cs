using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// What the fleet measured for one model variant in one scope (a cohort, or the fleet merged).
/// Sums are fixed-point micro-units (see <see cref="FixedPoint"/>) so merges are order-independent.
/// </summary>
public sealed class VariantMetrics
{
    /// <summary>Bins of the model's output score over [0, 1], for drift against the baseline.</summary>
    public const int OutputBins = 10;

    public long InstalledDevices { get; set; }
    public long Reports { get; set; }
    public long Inferences { get; set; }
    public QuantileSketch Latency { get; set; } = new();
    public long EnergyMicroJoules { get; set; }
    public long PeakMemoryMicroMegabytes { get; set; }
    public long BatteryDrainMicroPercentPerHour { get; set; }
    public long ThermalEvents { get; set; }
    public long Crashes { get; set; }
    public long InstallAttempts { get; set; }
    public long InstallFailures { get; set; }
    /// <summary>Inferences the app sent to the cloud because the on-device one missed its latency budget.</summary>
    public long CloudFallbacks { get; set; }
    /// <summary>Confusion counts by coarse fairness group.</summary>
    public Dictionary<string, ConfusionCounts> Outcomes { get; set; } = new(StringComparer.Ordinal);
    public long[] OutputHistogram { get; set; } = new long[OutputBins];

    public void AddOutcomes(string group, ConfusionCounts counts)
    {
        Outcomes[group] = Outcomes.TryGetValue(group, out var existing) ? existing.Merge(counts) : counts;
    }

    public void Merge(VariantMetrics other)
    {
        InstalledDevices += other.InstalledDevices;
        Reports += other.Reports;
        Inferences += other.Inferences;
        Latency.Merge(other.Latency);
        EnergyMicroJoules += other.EnergyMicroJoules;
        PeakMemoryMicroMegabytes += other.PeakMemoryMicroMegabytes;
        BatteryDrainMicroPercentPerHour += other.BatteryDrainMicroPercentPerHour;
        ThermalEvents += other.ThermalEvents;
        Crashes += other.Crashes;
        InstallAttempts += other.InstallAttempts;
        InstallFailures += other.InstallFailures;
        CloudFallbacks += other.CloudFallbacks;
        foreach (var (group, counts) in other.Outcomes)
        {
            AddOutcomes(group, counts);
        }

        for (var i = 0; i < OutputBins && i < other.OutputHistogram.Length; i++)
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

using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>Lets the domain's <see cref="VariantMetrics"/> travel between silos without the domain knowing Orleans.</summary>
[GenerateSerializer, Alias("apexfleet.variant-metrics")]
public struct VariantMetricsSurrogate
{
    [Id(0)] public long InstalledDevices;
    [Id(1)] public long Reports;
    [Id(2)] public long Inferences;
    [Id(3)] public int[] LatencyBins;
    [Id(4)] public long[] LatencyCounts;
    [Id(5)] public long LatencyZeroCount;
    [Id(6)] public long EnergyMicroJoules;
    [Id(7)] public long PeakMemoryMicroMegabytes;
    [Id(8)] public long BatteryDrainMicroPercentPerHour;
    [Id(9)] public long ThermalEvents;
    [Id(10)] public long Crashes;
    [Id(11)] public long InstallAttempts;
    [Id(12)] public long InstallFailures;
    [Id(13)] public string[] OutcomeGroups;
    /// <summary>TP, FP, TN, FN of each group in <see cref="OutcomeGroups"/>, four numbers per group.</summary>
    [Id(14)] public long[] OutcomeCounts;
    [Id(15)] public long[] OutputHistogram;
    [Id(16)] public long CloudFallbacks;
}

[RegisterConverter]
public sealed class VariantMetricsSurrogateConverter : IConverter<VariantMetrics, VariantMetricsSurrogate>
{
    public VariantMetrics ConvertFromSurrogate(in VariantMetricsSurrogate surrogate)
    {
        var sketch = new QuantileSketch { Keys = surrogate.LatencyBins, Counts = surrogate.LatencyCounts, ZeroCount = surrogate.LatencyZeroCount };

        var outcomes = new Dictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        var groups = surrogate.OutcomeGroups ?? [];
        for (var g = 0; g < groups.Length; g++)
        {
            var c = surrogate.OutcomeCounts.AsSpan(g * 4, 4);
            outcomes[groups[g]] = new ConfusionCounts(c[0], c[1], c[2], c[3]);
        }

        return new VariantMetrics
        {
            InstalledDevices = surrogate.InstalledDevices,
            Reports = surrogate.Reports,
            Inferences = surrogate.Inferences,
            Latency = sketch,
            EnergyMicroJoules = surrogate.EnergyMicroJoules,
            PeakMemoryMicroMegabytes = surrogate.PeakMemoryMicroMegabytes,
            BatteryDrainMicroPercentPerHour = surrogate.BatteryDrainMicroPercentPerHour,
            ThermalEvents = surrogate.ThermalEvents,
            Crashes = surrogate.Crashes,
            InstallAttempts = surrogate.InstallAttempts,
            InstallFailures = surrogate.InstallFailures,
            CloudFallbacks = surrogate.CloudFallbacks,
            Outcomes = outcomes,
            OutputHistogram = surrogate.OutputHistogram is { Length: VariantMetrics.OutputBins } histogram ? histogram : new long[VariantMetrics.OutputBins],
        };
    }

    public VariantMetricsSurrogate ConvertToSurrogate(in VariantMetrics value) => new()
    {
        InstalledDevices = value.InstalledDevices,
        Reports = value.Reports,
        Inferences = value.Inferences,
        LatencyBins = [.. value.Latency.Keys],
        LatencyCounts = [.. value.Latency.Counts],
        LatencyZeroCount = value.Latency.ZeroCount,
        EnergyMicroJoules = value.EnergyMicroJoules,
        PeakMemoryMicroMegabytes = value.PeakMemoryMicroMegabytes,
        BatteryDrainMicroPercentPerHour = value.BatteryDrainMicroPercentPerHour,
        ThermalEvents = value.ThermalEvents,
        Crashes = value.Crashes,
        InstallAttempts = value.InstallAttempts,
        InstallFailures = value.InstallFailures,
        CloudFallbacks = value.CloudFallbacks,
        OutcomeGroups = [.. value.Outcomes.Keys],
        OutcomeCounts = [.. value.Outcomes.Values.SelectMany(c => new[] { c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives })],
        OutputHistogram = [.. value.OutputHistogram],
    };
}

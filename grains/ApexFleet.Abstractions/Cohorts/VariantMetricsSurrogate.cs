using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>Lets the domain's <see cref="VariantMetrics"/> travel between silos without the domain knowing Orleans.</summary>
[GenerateSerializer, Alias("apexfleet.variant-metrics")]
public struct VariantMetricsSurrogate
{
    [Id(0)] public long InstalledDevices;
    [Id(1)] public TelemetryCounters Counters;
    [Id(3)] public int[] LatencyBins;
    [Id(4)] public long[] LatencyCounts;
    [Id(5)] public long LatencyZeroCount;
    [Id(13)] public string[] OutcomeGroups;
    /// <summary>TP, FP, TN, FN of each group in <see cref="OutcomeGroups"/>, four numbers per group.</summary>
    [Id(14)] public long[] OutcomeCounts;
    [Id(15)] public long[] OutputHistogram;
    [Id(19)] public QuantileSketch? PeakMemory;
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

        var metrics = new VariantMetrics
        {
            InstalledDevices = surrogate.InstalledDevices,
            Latency = sketch,
            PeakMemory = surrogate.PeakMemory ?? new(),
            Outcomes = outcomes,
            OutputHistogram = surrogate.OutputHistogram is { Length: OutputScores.Bins } histogram ? histogram : new long[OutputScores.Bins],
        };
        metrics.Counters = surrogate.Counters;
        return metrics;
    }

    public VariantMetricsSurrogate ConvertToSurrogate(in VariantMetrics value) => new()
    {
        InstalledDevices = value.InstalledDevices,
        Counters = value.Counters,
        LatencyBins = [.. value.Latency.Keys],
        LatencyCounts = [.. value.Latency.Counts],
        LatencyZeroCount = value.Latency.ZeroCount,
        OutcomeGroups = [.. value.Outcomes.Keys],
        OutcomeCounts = [.. value.Outcomes.Values.SelectMany(c => new[] { c.TruePositives, c.FalsePositives, c.TrueNegatives, c.FalseNegatives })],
        OutputHistogram = [.. value.OutputHistogram],
        PeakMemory = value.PeakMemory,
    };
}

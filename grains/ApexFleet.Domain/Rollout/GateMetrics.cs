namespace ApexFleet.Domain.Rollout;

/// <summary>An observed value of a metric and the number of samples behind it.</summary>
public readonly record struct Observation(double Value, long Samples);

/// <summary>The metrics a gate can name, and how each is read from <see cref="VariantMetrics"/>.</summary>
public static class GateMetrics
{
    private static readonly Dictionary<string, (string Meaning, Func<VariantMetrics, Observation> Read)> Catalogue = new()
    {
        ["latency_p50_ms"] = ("median inference latency (ms), samples = inferences", m => Quantile(m, 0.50)),
        ["latency_p95_ms"] = ("95th-percentile inference latency (ms), samples = inferences", m => Quantile(m, 0.95)),
        ["latency_p99_ms"] = ("99th-percentile inference latency (ms), samples = inferences", m => Quantile(m, 0.99)),
        ["energy_mj"] = ("mean energy per inference (mJ), samples = inferences", m => PerInference(m, m.EnergyMicroJoules)),
        ["crash_rate"] = ("crashes per inference, samples = inferences", m => Ratio(m.Crashes, m.Inferences)),
        ["install_failure_rate"] = ("failed installs per install attempt, samples = attempts", m => Ratio(m.InstallFailures, m.InstallAttempts)),
        ["battery_drain_pct_per_hour"] = ("mean battery drain (%/h), samples = reports", m => PerReport(m, m.BatteryDrainMicroPercentPerHour)),
        ["peak_memory_mb"] = ("mean peak memory (MB), samples = reports", m => PerReport(m, m.PeakMemoryMicroMegabytes)),
        ["thermal_event_rate"] = ("thermal throttling events per report, samples = reports", m => Ratio(m.ThermalEvents, m.Reports)),
    };

    public static IEnumerable<string> Names => Catalogue.Keys;

    public static bool IsKnown(string metric) => Catalogue.ContainsKey(metric);

    public static string Meaning(string metric) => Catalogue[metric].Meaning;

    public static Observation Observe(string metric, VariantMetrics metrics) =>
        Catalogue.TryGetValue(metric, out var entry)
            ? entry.Read(metrics)
            : throw new ArgumentException($"unknown gate metric '{metric}'; known: {string.Join(", ", Names)}", nameof(metric));

    private static Observation Quantile(VariantMetrics m, double q) =>
        new(m.Latency.IsEmpty ? double.NaN : m.Latency.Quantile(q), m.Latency.Count);

    private static Observation PerInference(VariantMetrics m, long micros) =>
        new(m.Inferences == 0 ? double.NaN : Statistics.FixedPoint.FromMicros(micros) / m.Inferences, m.Inferences);

    private static Observation PerReport(VariantMetrics m, long micros) =>
        new(m.Reports == 0 ? double.NaN : Statistics.FixedPoint.FromMicros(micros) / m.Reports, m.Reports);

    private static Observation Ratio(long numerator, long denominator) =>
        new(denominator == 0 ? double.NaN : (double)numerator / denominator, denominator);
}

using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

/// <summary>A small two-stage rollout with hand-chosen numbers, shared by the engine tests.</summary>
internal static class RolloutFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    public static readonly GateSpec LatencyPerCohort = new("latency_p95_ms", ComparisonOperator.LessOrEqual, 10, 100, GateScope.Cohort);

    public static readonly GateSpec CrashesFleetWide = new("crash_rate", ComparisonOperator.LessOrEqual, 0.01, 100, GateScope.Fleet);

    public static RolloutDefinition TwoStages() => new(
        "classifier-2",
        "classifier",
        "2.0.0",
        "1.0.0",
        Precision.Int8,
        3.4,
        7,
        [
            new RolloutStage("canary", 10, TimeSpan.FromHours(1), [LatencyPerCohort, CrashesFleetWide]),
            new RolloutStage("everyone", 100, TimeSpan.Zero, [LatencyPerCohort]),
        ]);

    /// <summary>Metrics of <paramref name="inferences"/> inferences all taking <paramref name="latencyMs"/>.</summary>
    public static VariantMetrics Measured(double latencyMs, long inferences, long crashes = 0)
    {
        var metrics = VariantMetrics.Of(new() { Reports = inferences / 10, Inferences = inferences, Crashes = crashes }, installedDevices: 10);
        metrics.Latency.Add(latencyMs, inferences);
        return metrics;
    }

    public static Dictionary<string, VariantMetrics> Cohorts(params (string Cohort, VariantMetrics Metrics)[] cohorts) =>
        cohorts.ToDictionary(c => c.Cohort, c => c.Metrics);
}

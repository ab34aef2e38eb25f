using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

[GenerateSerializer, Immutable, Alias("apexfleet.variant-summary")]
public sealed record VariantSummary(
    [property: Id(0)] string Variant,
    [property: Id(1)] long InstalledDevices,
    [property: Id(2)] long Reports,
    [property: Id(3)] long Inferences,
    [property: Id(4)] double LatencyP50Ms,
    [property: Id(5)] double LatencyP95Ms,
    [property: Id(6)] double LatencyP99Ms,
    [property: Id(7)] double EnergyPerInferenceMj,
    [property: Id(8)] double CrashRate,
    [property: Id(9)] long InstallAttempts,
    [property: Id(10)] long InstallFailures)
{
    public static VariantSummary Of(string key, VariantMetrics m)
    {
        double Observe(string metric) => GateMetrics.Observe(metric, m).Value;
        return new VariantSummary(
            key,
            m.InstalledDevices,
            m.Counters.Reports,
            m.Counters.Inferences,
            Observe("latency_p50_ms"),
            Observe("latency_p95_ms"),
            Observe("latency_p99_ms"),
            Observe("energy_mj"),
            Observe("crash_rate"),
            m.Counters.InstallAttempts,
            m.Counters.InstallFailures);
    }
}

[GenerateSerializer, Immutable, Alias("apexfleet.cohort-snapshot")]
public sealed record CohortSnapshot(
    [property: Id(0)] string Cohort,
    [property: Id(1)] long Devices,
    [property: Id(2)] long BatchesApplied,
    [property: Id(3)] IReadOnlyList<VariantSummary> Variants,
    [property: Id(4)] VariantChoice? LastChoice = null);

using ApexFleet.Domain.Fleet;
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
    [property: Id(10)] long InstallFailures,
    [property: Id(11)] string Deployment = "",
    [property: Id(12)] long DevicesNotTargeted = 0)
{
    /// <summary>One deployment's evidence of one variant; <paramref name="m"/> carries the variant's installed devices.</summary>
    public static VariantSummary Of(string deployment, string key, VariantMetrics m)
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
            m.Counters.InstallFailures,
            deployment,
            m.Counters.DevicesNotTargeted);
    }
}

[GenerateSerializer, Immutable, Alias("apexfleet.cohort-snapshot")]
public sealed record CohortSnapshot(
    [property: Id(0)] string Cohort,
    [property: Id(1)] long Devices,
    [property: Id(2)] long BatchesApplied,
    [property: Id(3)] IReadOnlyList<VariantSummary> Variants,
    [property: Id(4)] VariantChoice? LastChoice = null)
{
    /// <summary>A row per deployment and variant measured, and one for each variant installed that no deployment measured.</summary>
    public static CohortSnapshot Of(string cohort, CohortTally tally, long batchesApplied, VariantChoice? lastChoice)
    {
        var measured = tally.Evidence.Keys
            .Select(k => VariantSummary.Of(k.Deployment, k.Variant, tally.EvidenceOf(k.Deployment, k.Variant)));
        var measuredVariants = tally.Evidence.Keys.Select(k => k.Variant).ToHashSet(StringComparer.Ordinal);
        var unmeasured = tally.Installed.Keys
            .Where(v => !measuredVariants.Contains(v))
            .Select(v => VariantSummary.Of(EvidenceKey.Unassigned, v, tally.EvidenceOf(EvidenceKey.Unassigned, v)));
        var rows = measured.Concat(unmeasured)
            .OrderBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => r.Deployment, StringComparer.Ordinal)
            .ToList();
        return new CohortSnapshot(cohort, tally.DevicesJoined, batchesApplied, rows, lastChoice);
    }

    /// <summary>Devices of this cohort that <paramref name="deployment"/>'s targeting leaves alone.</summary>
    public long NotTargetedBy(string deployment) => Variants
        .Where(v => v.Deployment == deployment)
        .Sum(v => v.DevicesNotTargeted);

    /// <summary>Devices of this cohort running any variant of <paramref name="model"/> at <paramref name="version"/>, counted once per variant.</summary>
    public long DevicesOn(string model, string version) => Variants
        .Where(v => v.Variant.StartsWith($"{model}@{version}/", StringComparison.Ordinal))
        .DistinctBy(v => v.Variant)
        .Sum(v => v.InstalledDevices);
}

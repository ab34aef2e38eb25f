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
    [property: Id(10)] long InstallFailures);

[GenerateSerializer, Immutable, Alias("apexfleet.cohort-snapshot")]
public sealed record CohortSnapshot(
    [property: Id(0)] string Cohort,
    [property: Id(1)] long Devices,
    [property: Id(2)] long BatchesApplied,
    [property: Id(3)] IReadOnlyList<VariantSummary> Variants,
    [property: Id(4)] VariantChoice? LastChoice = null);

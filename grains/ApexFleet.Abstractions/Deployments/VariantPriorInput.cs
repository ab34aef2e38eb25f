using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Abstractions.Deployments;

/// <summary>What a benchmark (or the simulator's catalogue) expects of one variant on one cohort, before measuring.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.variant-prior")]
public sealed record VariantPriorInput(
    [property: Id(0)] string Cohort,
    [property: Id(1)] Precision Precision,
    [property: Id(2)] double LatencyP95Ms,
    [property: Id(3)] double EnergyMj,
    [property: Id(4)] double AccuracyPercent,
    [property: Id(5)] double MemoryMb,
    [property: Id(6)] double FallbackShare = 0)
{
    public VariantPrior ToPrior() => new(Precision, LatencyP95Ms, EnergyMj, AccuracyPercent, MemoryMb, FallbackShare);
}

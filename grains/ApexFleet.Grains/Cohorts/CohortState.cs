using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains.Cohorts;

[GenerateSerializer, Alias("apexfleet.cohort-state")]
public sealed class CohortState
{
    [Id(1)] public long BatchesApplied { get; set; }
    /// <summary>The most recent batch ids, so a redelivered delta is not counted twice.</summary>
    [Id(3)] public List<Guid> RecentBatches { get; set; } = [];
    [Id(4)] public VariantChoice? LastChoice { get; set; }
    /// <summary>Everything the cohort's devices added: devices joined, per-variant metrics.</summary>
    [Id(5)] public CohortTally Totals { get; set; } = new();
}

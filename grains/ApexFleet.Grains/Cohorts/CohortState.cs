using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Cohorts;

[GenerateSerializer, Alias("apexfleet.cohort-state")]
public sealed class CohortState
{
    [Id(0)] public long Devices { get; set; }
    [Id(1)] public long BatchesApplied { get; set; }
    [Id(2)] public Dictionary<string, VariantMetrics> Variants { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The most recent batch ids, so a redelivered delta is not counted twice.</summary>
    [Id(3)] public List<Guid> RecentBatches { get; set; } = [];
    [Id(4)] public VariantChoice? LastChoice { get; set; }
}

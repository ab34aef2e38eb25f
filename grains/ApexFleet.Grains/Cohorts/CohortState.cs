using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Cohorts;

public sealed class CohortState
{
    public long Devices { get; set; }
    public long BatchesApplied { get; set; }
    public Dictionary<string, VariantMetrics> Variants { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The most recent batch ids, so a redelivered delta is not counted twice.</summary>
    public List<Guid> RecentBatches { get; set; } = [];
}

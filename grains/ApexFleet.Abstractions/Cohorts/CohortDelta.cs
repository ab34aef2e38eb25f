using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>
/// Everything a silo's devices reported for one cohort since the last flush, already merged:
/// one message per cohort per flush, never one per report.
/// </summary>
[GenerateSerializer, Alias("apexfleet.cohort-delta")]
public sealed class CohortDelta
{
    /// <summary>Identifies this flush so a retried delivery is applied once.</summary>
    [Id(0)] public required Guid BatchId { get; init; }
    [Id(1)] public long DevicesJoined { get; set; }
    /// <summary>Per variant key (<c>model@version/PRECISION</c>); installed-device counts may be negative (devices left).</summary>
    [Id(2)] public Dictionary<string, VariantMetrics> Variants { get; init; } = [];
}

using ApexFleet.Domain.Fleet;

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
    [Id(1)] public CohortTally Tally { get; init; } = new();
}

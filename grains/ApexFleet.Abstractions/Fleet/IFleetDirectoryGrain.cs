using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Fleet;

/// <summary>
/// The fleet's index (one grain, key 0): which cohorts and deployments exist, and the current
/// assignment of every active rollout, which each silo caches so devices decide locally.
/// </summary>
public interface IFleetDirectoryGrain : IGrainWithIntegerKey
{
    Task RegisterCohort(string cohort);

    Task<IReadOnlyList<string>> GetCohorts();

    Task PublishAssignment(RolloutAssignment assignment);

    /// <summary>The assignments by model id, and a version that changes whenever any of them does.</summary>
    Task<AssignmentTable> GetAssignments();

    Task<IReadOnlyList<string>> GetDeployments();
}

[GenerateSerializer, Immutable, Alias("apexfleet.assignment-table")]
public sealed record AssignmentTable(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, RolloutAssignment> ByModel);

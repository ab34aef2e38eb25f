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

    /// <summary>
    /// Asks to roll <paramref name="modelId"/> out: granted when no other unfinished rollout holds it,
    /// or when <paramref name="supersedes"/> names the one that does (which then must end). See <see cref="ModelClaim"/>.
    /// </summary>
    Task<ModelClaim> ClaimModel(string modelId, string deploymentId, string? supersedes);

    /// <summary>Takes a newer assignment from the model's holder; false (and ignored) from any other deployment.</summary>
    Task<bool> PublishAssignment(RolloutAssignment assignment);

    /// <summary>The assignments by model id, and a version that changes whenever any of them does.</summary>
    Task<AssignmentTable> GetAssignments();

    Task<IReadOnlyList<string>> GetDeployments();
}

[GenerateSerializer, Immutable, Alias("apexfleet.assignment-table")]
public sealed record AssignmentTable(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, RolloutAssignment> ByModel);

using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Fleet;

/// <summary>The fleet's index of cohorts, deployments and active assignments.</summary>
public sealed class FleetDirectoryGrain(
    [PersistentState(FleetStorage.DirectoryState, FleetStorage.ProviderName)] IPersistentState<FleetDirectoryState> directory)
    : Grain, IFleetDirectoryGrain
{
    private static readonly RolloutAssignmentSurrogateConverter Converter = new();

    private FleetDirectoryState State => directory.State;

    public async Task RegisterCohort(string cohort)
    {
        if (State.Cohorts.Add(cohort))
        {
            await directory.WriteCountedAsync(this, "directory");
        }
    }

    public Task<IReadOnlyList<string>> GetCohorts() => Task.FromResult<IReadOnlyList<string>>([.. State.Cohorts]);

    public Task<IReadOnlyList<string>> GetDeployments() => Task.FromResult<IReadOnlyList<string>>([.. State.Deployments]);

    public async Task<ModelClaim> ClaimModel(string modelId, string deploymentId, string? supersedes)
    {
        var holder = State.Holders.GetValueOrDefault(modelId);
        var claim = ModelClaim.Decide(modelId, deploymentId, holder, holder is not null && HasFinished(modelId, holder), supersedes);
        if (claim.Verdict != ClaimVerdict.Refused && holder != deploymentId)
        {
            State.Holders[modelId] = deploymentId;
            State.Deployments.Add(deploymentId);
            await directory.WriteCountedAsync(this, "directory");
        }

        return claim;
    }

    public async Task<bool> PublishAssignment(RolloutAssignment assignment)
    {
        // A deployment started before the holder rule (no claim on record) holds what it publishes first.
        var holder = State.Holders.GetValueOrDefault(assignment.ModelId) ?? assignment.DeploymentId;
        if (holder != assignment.DeploymentId)
        {
            return false;
        }

        if (State.Assignments.TryGetValue(assignment.ModelId, out var current)
            && current.DeploymentId == assignment.DeploymentId
            && current.Epoch >= assignment.Epoch)
        {
            return true;
        }

        State.Holders[assignment.ModelId] = holder;
        State.Assignments[assignment.ModelId] = Converter.ConvertToSurrogate(assignment);
        State.Deployments.Add(assignment.DeploymentId);
        State.Version++;
        await directory.WriteCountedAsync(this, "directory");
        return true;
    }

    /// <summary>Finished when its last published assignment is final; a holder that never published has not.</summary>
    private bool HasFinished(string modelId, string holder) =>
        State.Assignments.TryGetValue(modelId, out var published)
        && published.DeploymentId == holder
        && published.Phase.IsFinal();

    public Task<AssignmentTable> GetAssignments() => Task.FromResult(new AssignmentTable(
        State.Version,
        State.Assignments.ToDictionary(kv => kv.Key, kv => Converter.ConvertFromSurrogate(kv.Value), StringComparer.Ordinal)));
}

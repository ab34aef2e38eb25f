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
            await directory.WriteCountedAsync("directory");
        }
    }

    public Task<IReadOnlyList<string>> GetCohorts() => Task.FromResult<IReadOnlyList<string>>([.. State.Cohorts]);

    public Task<IReadOnlyList<string>> GetDeployments() => Task.FromResult<IReadOnlyList<string>>([.. State.Deployments]);

    public async Task PublishAssignment(RolloutAssignment assignment)
    {
        if (State.Assignments.TryGetValue(assignment.ModelId, out var current)
            && current.DeploymentId == assignment.DeploymentId
            && current.Epoch >= assignment.Epoch)
        {
            return;
        }

        State.Assignments[assignment.ModelId] = Converter.ConvertToSurrogate(assignment);
        State.Deployments.Add(assignment.DeploymentId);
        State.Version++;
        await directory.WriteCountedAsync("directory");
    }

    public Task<AssignmentTable> GetAssignments() => Task.FromResult(new AssignmentTable(
        State.Version,
        State.Assignments.ToDictionary(kv => kv.Key, kv => Converter.ConvertFromSurrogate(kv.Value), StringComparer.Ordinal)));
}

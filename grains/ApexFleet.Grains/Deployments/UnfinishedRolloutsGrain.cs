using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;

namespace ApexFleet.Grains.Deployments;

/// <summary>The ids of the rollouts that are not final yet, so that none is left without a judge.</summary>
public sealed class UnfinishedRolloutsGrain(
    [PersistentState(FleetStorage.UnfinishedRolloutsState, FleetStorage.ProviderName)] IPersistentState<UnfinishedRolloutsState> rollouts)
    : Grain, IUnfinishedRolloutsGrain
{
    private UnfinishedRolloutsState State => rollouts.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Seeded)
        {
            return;
        }

        // A fleet older than this list: every deployment it knows is a suspect once; the keeper
        // wakes each, and the finished ones are struck off on the way.
        State.Ids.UnionWith(await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).GetDeployments());
        State.Seeded = true;
        await rollouts.WriteCountedAsync(this, "unfinished-rollouts");
    }

    public async Task Add(string deploymentId)
    {
        if (State.Ids.Add(deploymentId))
        {
            await rollouts.WriteCountedAsync(this, "unfinished-rollouts");
        }
    }

    public async Task Remove(string deploymentId)
    {
        if (State.Ids.Remove(deploymentId))
        {
            await rollouts.WriteCountedAsync(this, "unfinished-rollouts");
        }
    }

    public Task<IReadOnlyList<string>> GetAll() => Task.FromResult<IReadOnlyList<string>>([.. State.Ids]);
}

namespace ApexFleet.Abstractions.Deployments;

/// <summary>
/// Every deployment that still has something to judge (one grain, key 0): added when a rollout
/// starts or wakes, removed when it reaches a final phase. Each silo's keeper wakes all of them,
/// whether or not a rollout still holds its model's place in the fleet directory's assignments.
/// </summary>
public interface IUnfinishedRolloutsGrain : IGrainWithIntegerKey
{
    Task Add(string deploymentId);

    Task Remove(string deploymentId);

    Task<IReadOnlyList<string>> GetAll();
}

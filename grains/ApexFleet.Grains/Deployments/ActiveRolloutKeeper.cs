using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;
using Microsoft.Extensions.Logging;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// Makes sure every unfinished rollout has a live activation, so its evaluation timer runs after a
/// silo restart or a deactivation without waiting for someone to ask for its status.
/// </summary>
public sealed partial class ActiveRolloutKeeper(IGrainFactory grains, ILogger<ActiveRolloutKeeper> logger)
    : PeriodicSiloTask(ServiceLifecycleStage.Active)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override async Task TickAsync()
    {
        var table = await grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments();
        var unfinished = table.ByModel.Values.Where(a => !a.Phase.IsFinal()).Select(a => a.DeploymentId).Distinct();
        await Task.WhenAll(unfinished.Select(id => grains.GetGrain<IDeploymentGrain>(id).GetStatus()));
    }

    protected override void OnTickFailed(Exception exception) => LogWakeFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the unfinished rollouts")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}

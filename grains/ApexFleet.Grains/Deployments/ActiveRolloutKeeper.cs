using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Rollout;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// Makes sure every unfinished rollout has a live activation, so its evaluation timer (or, for a
/// rollout driven from outside, its watch on the driver) runs after a silo restart or a
/// deactivation without waiting for someone to ask for its status.
/// </summary>
/// <remarks>
/// Together with the timers each rollout arms on activation, this does what an Orleans reminder
/// would (a durable tick that brings the grain back wherever it lives), with at most one keeper
/// interval of delay, and without a reminder table the schema does not have. It wakes the
/// rollouts in <see cref="IUnfinishedRolloutsGrain"/> and those the assignment table still shows (a
/// rollout published before the list existed is only there).
/// </remarks>
public sealed partial class ActiveRolloutKeeper(IGrainFactory grains, IOptions<FleetGrainOptions> options, ILogger<ActiveRolloutKeeper> logger)
    : PeriodicSiloTask(ServiceLifecycleStage.Active)
{
    protected override TimeSpan Interval => options.Value.KeeperInterval;

    protected override async Task TickAsync()
    {
        var unfinished = grains.GetGrain<IUnfinishedRolloutsGrain>(0);
        var listed = await unfinished.GetAll();
        var table = await grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments();
        var assigned = table.ByModel.Values.Where(a => !a.Phase.IsFinal()).Select(a => a.DeploymentId);
        await Task.WhenAll(listed.Union(assigned, StringComparer.Ordinal).Select(async id =>
        {
            var status = await grains.GetGrain<IDeploymentGrain>(id).GetStatus();
            if (status.IsFinal || status.Phase == RolloutPhase.NotStarted)
            {
                // Finished while nobody told the list, or never started (its state was lost).
                await unfinished.Remove(id);
            }
        }));
    }

    protected override void OnTickFailed(Exception exception) => LogWakeFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the unfinished rollouts")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}

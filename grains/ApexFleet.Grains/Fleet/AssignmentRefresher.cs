using ApexFleet.Abstractions.Fleet;
using Microsoft.Extensions.Logging;

namespace ApexFleet.Grains.Fleet;

/// <summary>Keeps the silo's <see cref="AssignmentCache"/> in step with the fleet directory.</summary>
public sealed partial class AssignmentRefresher(IGrainFactory grains, AssignmentCache cache, ILogger<AssignmentRefresher> logger)
    : PeriodicSiloTask(ServiceLifecycleStage.Active)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    protected override async Task TickAsync() =>
        cache.Apply(await grains.GetGrain<IFleetDirectoryGrain>(0).GetAssignments());

    protected override void OnTickFailed(Exception exception) => LogRefreshFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh rollout assignments from the fleet directory")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

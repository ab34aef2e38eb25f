using ApexFleet.Abstractions.GitOps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.GitOps;

/// <summary>
/// Every silo wakes the reconciler on an interval (and hands it the silo's configured branch). Orleans
/// keeps a single activation, so one silo reconciles; when that silo dies, the next wake from a
/// surviving one activates it there, from its stored state.
/// </summary>
public sealed partial class GitOpsKeeper(IGrainFactory grains, IOptions<GitOpsOptions> options, ILogger<GitOpsKeeper> logger)
    : PeriodicSiloTask(ServiceLifecycleStage.Active)
{
    protected override TimeSpan Interval => options.Value.KeeperInterval;

    protected override async Task TickAsync()
    {
        var reconciler = grains.GetGrain<IGitOpsGrain>(0);
        if (options.Value.Source is { } source)
        {
            await reconciler.Follow(source);
        }
        else
        {
            await reconciler.Wake();
        }
    }

    protected override void OnTickFailed(Exception exception) => LogWakeFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the GitOps reconciler")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Cohorts;

public sealed class CohortFlushOptions
{
    /// <summary>How often buffered deltas go to the cohorts: the staleness of cohort statistics.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>Flushes the silo's <see cref="CohortDeltaBuffer"/> on a timer, and once more as the silo stops.</summary>
public sealed partial class CohortDeltaFlusher(
    CohortDeltaBuffer buffer, IOptions<CohortFlushOptions> options, ILogger<CohortDeltaFlusher> logger)
    : PeriodicSiloTask(ServiceLifecycleStage.Active + 1)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task TickAsync() => buffer.FlushAsync();

    protected override Task OnStoppedAsync() => buffer.FlushAsync();

    protected override void OnTickFailed(Exception exception) => LogFlushFailed(logger, exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort delta flush failed; the deltas stay buffered for the next one")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}

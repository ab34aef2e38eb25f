using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Abstractions.Devices;

/// <summary>
/// One device's summary of a reporting period (many inferences, one message). <see cref="Sequence"/>
/// rises by one per report: the device grain ignores duplicates and never lets an older report roll
/// its counters back.
/// </summary>
[GenerateSerializer, Immutable, Alias("apexfleet.telemetry-report")]
public sealed record TelemetryReport
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
    /// <summary>The model that ran during the period; null while none is installed.</summary>
    [Id(2)] public ModelSlot? Running { get; init; }
    /// <summary>One latency per inference (ms).</summary>
    [Id(3)] public float[] LatenciesMs { get; init; } = [];
    /// <summary>What the device counted in the period; reports, inferences and install counts are the device grain's to fill.</summary>
    [Id(4)] public TelemetryCounters Counters { get; init; }
    /// <summary>Progress of an install the device was directed to make, if any happened this period.</summary>
    [Id(16)] public InstallProgress? Install { get; init; }
    /// <summary>How many outputs fell in each bin of the score range (<see cref="OutputScores"/>; empty when not sampled).</summary>
    [Id(17)] public int[] OutputHistogram { get; init; } = [];

    /// <summary>The report as the domain reads it.</summary>
    public DeviceReading ToReading() => new(
        Sequence,
        Running?.ToRef(),
        Install is { } install ? new InstallStep(install.Model.ToRef(), install.State, install.Reason) : null,
        Counters,
        LatenciesMs ?? [],
        OutputHistogram ?? [],
        At);
}

[GenerateSerializer, Immutable, Alias("apexfleet.install-progress")]
public sealed record InstallProgress(
    [property: Id(0)] ModelSlot Model,
    [property: Id(1)] InstallState State,
    [property: Id(2)] string? Reason = null);

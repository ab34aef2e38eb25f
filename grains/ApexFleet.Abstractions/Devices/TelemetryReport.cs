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
    [Id(3)] public float[] LatenciesMs { get; init; } = [];
    [Id(4)] public double EnergyMillijoules { get; init; }
    [Id(5)] public double PeakMemoryMb { get; init; }
    [Id(6)] public double BatteryDrainPercentPerHour { get; init; }
    [Id(7)] public int ThermalEvents { get; init; }
    [Id(8)] public int Crashes { get; init; }
    [Id(9)] public int TruePositives { get; init; }
    [Id(10)] public int FalsePositives { get; init; }
    [Id(11)] public int TrueNegatives { get; init; }
    [Id(12)] public int FalseNegatives { get; init; }
    [Id(13)] public long BytesDownloadedFull { get; init; }
    [Id(14)] public long BytesDownloadedDelta { get; init; }
    [Id(15)] public int CloudFallbacks { get; init; }
    /// <summary>Progress of an install the device was directed to make, if any happened this period.</summary>
    [Id(16)] public InstallProgress? Install { get; init; }
    /// <summary>How many outputs fell in each tenth of the score range [0, 1] (empty when not sampled).</summary>
    [Id(17)] public int[] OutputHistogram { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("apexfleet.install-progress")]
public sealed record InstallProgress(
    [property: Id(0)] ModelSlot Model,
    [property: Id(1)] InstallState State,
    [property: Id(2)] string? Reason = null);

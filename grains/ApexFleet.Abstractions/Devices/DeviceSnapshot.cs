namespace ApexFleet.Abstractions.Devices;

/// <summary>Everything a person may want to see about one device.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.device-snapshot")]
public sealed record DeviceSnapshot
{
    [Id(0)] public required string DeviceId { get; init; }
    [Id(1)] public DeviceProfile? Profile { get; init; }
    [Id(2)] public string? Cohort { get; init; }
    [Id(3)] public ModelSlot? Installed { get; init; }
    [Id(4)] public ModelSlot? Previous { get; init; }
    [Id(5)] public InstallState InstallState { get; init; }
    [Id(6)] public string? InstallReason { get; init; }
    [Id(7)] public long LastSequence { get; init; }
    [Id(8)] public long Reports { get; init; }
    [Id(9)] public long RejectedReports { get; init; }
    [Id(10)] public string? LastRejection { get; init; }
    [Id(11)] public long Inferences { get; init; }
    [Id(12)] public double LatencyP50Ms { get; init; }
    [Id(13)] public double LatencyP95Ms { get; init; }
    [Id(14)] public double LatencyP99Ms { get; init; }
    [Id(15)] public double EnergyPerInferenceMj { get; init; }
    [Id(16)] public double PeakMemoryMb { get; init; }
    [Id(17)] public double BatteryDrainPercentPerHour { get; init; }
    [Id(18)] public long ThermalEvents { get; init; }
    [Id(19)] public long Crashes { get; init; }
    [Id(20)] public long TruePositives { get; init; }
    [Id(21)] public long FalsePositives { get; init; }
    [Id(22)] public long TrueNegatives { get; init; }
    [Id(23)] public long FalseNegatives { get; init; }
    [Id(24)] public long BytesDownloadedFull { get; init; }
    [Id(25)] public long BytesDownloadedDelta { get; init; }
    [Id(26)] public long CloudFallbacks { get; init; }
}

using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Grains.Devices;

/// <summary>What a device grain persists. Sums are fixed-point micro-units.</summary>
[GenerateSerializer, Alias("apexfleet.device-state")]
public sealed class DeviceState
{
    [Id(0)] public DeviceProfile? Profile { get; set; }
    [Id(1)] public string? Cohort { get; set; }
    [Id(2)] public ModelSlot? Installed { get; set; }
    [Id(3)] public ModelSlot? Previous { get; set; }
    /// <summary>The install in flight, if any, and whether it is a rollback.</summary>
    [Id(4)] public ModelSlot? Installing { get; set; }
    [Id(5)] public bool InstallingIsRollback { get; set; }
    [Id(6)] public InstallState InstallState { get; set; }
    [Id(7)] public string? InstallReason { get; set; }
    [Id(8)] public long LastSequence { get; set; }
    [Id(9)] public long Reports { get; set; }
    [Id(10)] public long RejectedReports { get; set; }
    [Id(11)] public string? LastRejection { get; set; }
    [Id(12)] public long Inferences { get; set; }
    [Id(14)] public long EnergyMicroJoules { get; set; }
    [Id(15)] public long PeakMemoryMicroMegabytes { get; set; }
    [Id(16)] public long BatteryDrainMicroPercentPerHour { get; set; }
    [Id(17)] public long ThermalEvents { get; set; }
    [Id(18)] public long Crashes { get; set; }
    [Id(19)] public long TruePositives { get; set; }
    [Id(20)] public long FalsePositives { get; set; }
    [Id(21)] public long TrueNegatives { get; set; }
    [Id(22)] public long FalseNegatives { get; set; }
    [Id(23)] public long BytesDownloadedFull { get; set; }
    [Id(24)] public long BytesDownloadedDelta { get; set; }
    [Id(25)] public long CloudFallbacks { get; set; }

    /// <summary>This phone's latency quantiles, at 5%. (Id 13 held a 1% sketch, four times the size.)</summary>
    [Id(26)] public CoarseQuantileSketch Latency { get; set; } = new();
}

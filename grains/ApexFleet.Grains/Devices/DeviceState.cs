using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Grains.Devices;

/// <summary>What a device grain persists. Sums are fixed-point micro-units.</summary>
public sealed class DeviceState
{
    public DeviceProfile? Profile { get; set; }
    public string? Cohort { get; set; }
    public ModelSlot? Installed { get; set; }
    public ModelSlot? Previous { get; set; }
    /// <summary>The install in flight, if any, and whether it is a rollback.</summary>
    public ModelSlot? Installing { get; set; }
    public bool InstallingIsRollback { get; set; }
    public InstallState InstallState { get; set; }
    public string? InstallReason { get; set; }
    public long LastSequence { get; set; }
    public long Reports { get; set; }
    public long RejectedReports { get; set; }
    public string? LastRejection { get; set; }
    public long Inferences { get; set; }
    public QuantileSketch Latency { get; set; } = new();
    public long EnergyMicroJoules { get; set; }
    public long PeakMemoryMicroMegabytes { get; set; }
    public long BatteryDrainMicroPercentPerHour { get; set; }
    public long ThermalEvents { get; set; }
    public long Crashes { get; set; }
    public long TruePositives { get; set; }
    public long FalsePositives { get; set; }
    public long TrueNegatives { get; set; }
    public long FalseNegatives { get; set; }
    public long BytesDownloadedFull { get; set; }
    public long BytesDownloadedDelta { get; set; }
    public long CloudFallbacks { get; set; }
}

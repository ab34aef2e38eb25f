using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Simulator.Scenarios;

/// <summary>A rollout to try on a virtual fleet: who the fleet is, how time runs, what goes wrong.</summary>
public sealed record Scenario(
    string Name,
    string Source,
    FleetSpec Fleet,
    SimulationSpec Simulation,
    IReadOnlyDictionary<string, ModelVersionSpec> Models,
    IReadOnlyList<FaultSpec> Faults,
    RolloutDefinition Deployment,
    string DeploymentManifestYaml,
    FleetContext? DeploymentSizing = null,
    string ModelFamily = Catalogue.ChipsetCatalogue.ReferenceModel)
{
    public Scenario WithSeed(ulong seed) => this with { Simulation = Simulation with { Seed = seed } };

    public Scenario WithDevices(int devices) => this with { Fleet = Fleet with { Devices = devices } };
}

/// <param name="GroupTierCorrelation">0: fairness group independent of hardware; 1: decided by hardware tier.</param>
public sealed record FleetSpec(
    int Devices,
    IReadOnlyList<string> Chipsets,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Regions,
    double GroupTierCorrelation);

public sealed record SimulationSpec(
    ulong Seed,
    DateTimeOffset Start,
    TimeSpan Duration,
    TimeSpan Tick,
    double InferencesPerTick,
    double InstallFailureRate,
    double DownloadMbps,
    double CrashRatePerInference,
    double CloudFallbackMs = 50);

/// <summary>How one model version behaves relative to the catalogue's reference model.</summary>
/// <param name="ConversionPercent">Share of app sessions that convert when answers are instant (see <c>Telemetry.SessionRule</c>); null: the version's sessions are counted, no conversions drawn.</param>
/// <param name="DeltaPercent">
/// The size of this version's delta from the deployment's previous version (same variant) as a share
/// of its artifact, as the registry would serve it; null: no delta, every device downloads the whole
/// artifact. A registry offer in the directive, when there is one, says it instead.
/// </param>
public sealed record ModelVersionSpec(string Version, double LatencyScale, double AccuracyPercent, double? ConversionPercent = null, double? DeltaPercent = null);

public enum FaultKind
{
    LatencyRegression = 0,
    CrashSpike = 1,
    BatteryRegression = 2,
    AccuracyLoss = 3,
    /// <summary>The model's output scores shift by <see cref="FaultSpec.Amount"/> (e.g. a changed input pipeline).</summary>
    OutputDrift = 4,
    /// <summary>Each session's conversion probability is multiplied by <see cref="FaultSpec.Amount"/> (0..1).</summary>
    ConversionDrop = 5,
    /// <summary>The model's CPU share during a burst is multiplied by <see cref="FaultSpec.Amount"/>.</summary>
    CpuRegression = 6,
    /// <summary>Peak memory is multiplied by <see cref="FaultSpec.Amount"/>.</summary>
    MemoryRegression = 7,
    /// <summary>A positive prediction stays positive with probability <see cref="FaultSpec.Amount"/> (0..1): the group is selected less often.</summary>
    SelectionDrop = 8,
    /// <summary>The downloaded artifact's bytes are not the signed ones (a tampering mirror, a corrupting proxy): the installer refuses them.</summary>
    TamperedArtifact = 9,
}

/// <summary>
/// Something injected into the simulated world from <see cref="From"/> on: applies to the given
/// version, and only to the named chipset / group / precision when those are set, and to a fixed
/// <see cref="DeviceShare"/> of the devices (a bad driver on some phones moves a percentile, not only a mean).
/// </summary>
public sealed record FaultSpec(
    FaultKind Kind,
    string Version,
    string? Chipset,
    string? Group,
    Precision? Precision,
    double Amount,
    TimeSpan From,
    double DeviceShare = 1)
{
    public bool Applies(string version, string chipset, string group, Precision precision, TimeSpan elapsed) =>
        version == Version
        && elapsed >= From
        && (Chipset is null || Chipset == chipset)
        && (Group is null || Group == group)
        && (Precision is null || Precision == precision);

    /// <summary>Whether the device is among the affected share: a hash of the device and the fault, the same on every tick.</summary>
    public bool Hits(int device) =>
        DeviceShare >= 1
        || (Population.SeededRandom.Mix(0xFA017, (ulong)device, (ulong)Kind) >> 11) * (1.0 / (1UL << 53)) < DeviceShare;
}

using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// What a real device agent does with a directive, for virtual phones: download the artifact
/// (taking as many ticks as the bandwidth needs), verify it, install it or fail at the scenario's rate.
/// A phone that runs the previous version in the same variant downloads a delta: the full size times
/// the cost model's delta ratio, until the registry's measured deltas replace the ratio.
/// </summary>
public sealed class VirtualAgent(Scenario scenario, VirtualFleet fleet, double deltaSizeRatio = 1)
{
    private readonly string _modelId = scenario.Deployment.ModelId;
    private readonly short _previous = (short)fleet.VersionIndex(scenario.Deployment.PreviousVersion);
    private readonly short _target = (short)fleet.VersionIndex(scenario.Deployment.TargetVersion);

    /// <summary>Advances an install in flight by one tick; returns the progress to report, if any.</summary>
    public (InstallProgress? Progress, long BytesDownloaded, bool Delta) Advance(int device, SeededRandom rng)
    {
        var target = fleet.InstallTarget[device];
        if (target == VirtualFleet.NoVersion)
        {
            return (null, 0, false);
        }

        var slot = new ModelSlot(_modelId, fleet.Versions[target], (Precision)fleet.InstallTargetPrecision[device]);
        if (fleet.InstallTicksLeft[device] > 1)
        {
            fleet.InstallTicksLeft[device]--;
            return (new InstallProgress(slot, InstallState.Downloading), 0, false);
        }

        fleet.InstallTarget[device] = VirtualFleet.NoVersion;
        var delta = IsDelta(device, target, slot.Precision);
        var bytes = (long)(scenario.Deployment.SizeOf(slot.Precision) * 1_000_000 * (delta ? deltaSizeRatio : 1));
        if (rng.NextDouble() < scenario.Simulation.InstallFailureRate)
        {
            return (new InstallProgress(slot, InstallState.Failed, "signature verification failed"), bytes, delta);
        }

        fleet.InstalledVersion[device] = target;
        fleet.InstalledPrecision[device] = (byte)slot.Precision;
        return (new InstallProgress(slot, InstallState.Installed), bytes, delta);
    }

    /// <summary>Deltas exist only from the previous version to the new one, variant for variant.</summary>
    private bool IsDelta(int device, short target, Precision precision) =>
        deltaSizeRatio < 1 && target == _target && fleet.InstalledVersion[device] == _previous && fleet.InstalledPrecision[device] == (byte)precision;

    /// <summary>Takes the grain's directive: starts a download when it names something new.</summary>
    public void Obey(int device, DeviceDirective directive)
    {
        if (!directive.Accepted || directive.Desired is not { } desired)
        {
            return;
        }

        var version = (short)fleet.VersionIndex(desired.Version);
        var alreadyThere = fleet.InstalledVersion[device] == version && fleet.InstalledPrecision[device] == (byte)desired.Precision;
        if (alreadyThere || version == VirtualFleet.NoVersion)
        {
            fleet.InstallTarget[device] = VirtualFleet.NoVersion;
            return;
        }

        if (fleet.InstallTarget[device] == version && fleet.InstallTargetPrecision[device] == (byte)desired.Precision)
        {
            return;
        }

        fleet.InstallTarget[device] = version;
        fleet.InstallTargetPrecision[device] = (byte)(byte)desired.Precision;
        fleet.InstallTicksLeft[device] = DownloadTicks(directive.ArtifactMegabytes, fleet.BandwidthFactor[device]);
    }

    private byte DownloadTicks(double megabytes, double bandwidthFactor)
    {
        var seconds = megabytes * 8 / (scenario.Simulation.DownloadMbps * bandwidthFactor);
        var ticks = Math.Ceiling(seconds / scenario.Simulation.Tick.TotalSeconds);
        return (byte)Math.Clamp(ticks, 1, 200);
    }
}

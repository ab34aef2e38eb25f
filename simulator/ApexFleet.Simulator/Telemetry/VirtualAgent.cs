using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// What a real device agent does with a directive, for virtual phones: download the artifact
/// (taking as many ticks as the bandwidth needs), verify it, install it or fail at the scenario's rate.
/// </summary>
public sealed class VirtualAgent(Scenario scenario, VirtualFleet fleet)
{
    private readonly string _modelId = scenario.Deployment.ModelId;

    /// <summary>Advances an install in flight by one tick; returns the progress to report, if any.</summary>
    public (InstallProgress? Progress, long BytesDownloaded) Advance(int device, SeededRandom rng)
    {
        var target = fleet.InstallTarget[device];
        if (target == VirtualFleet.NoVersion)
        {
            return (null, 0);
        }

        var slot = new ModelSlot(_modelId, fleet.Versions[target], (Precision)fleet.InstallTargetPrecision[device]);
        if (fleet.InstallTicksLeft[device] > 1)
        {
            fleet.InstallTicksLeft[device]--;
            return (new InstallProgress(slot, InstallState.Downloading), 0);
        }

        fleet.InstallTarget[device] = VirtualFleet.NoVersion;
        var bytes = (long)(scenario.Deployment.SizeOf(slot.Precision) * 1_000_000);
        if (rng.NextDouble() < scenario.Simulation.InstallFailureRate)
        {
            return (new InstallProgress(slot, InstallState.Failed, "signature verification failed"), bytes);
        }

        fleet.InstalledVersion[device] = target;
        fleet.InstalledPrecision[device] = (byte)slot.Precision;
        return (new InstallProgress(slot, InstallState.Installed), bytes);
    }

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

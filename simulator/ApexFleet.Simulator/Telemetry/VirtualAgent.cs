using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Telemetry;

/// <summary>
/// What a real device agent does with a directive, for virtual phones: download the artifact (its
/// delta when the phone holds the delta's base; as many ticks as the bandwidth needs), verify its
/// digest, install it or fail at the scenario's rate. A phone's bytes are not made or hashed: it
/// holds the digest of what it received and compares it with the signed one, as
/// <see cref="ArtifactInstall.Verdict"/> does for real bytes. A registry's offer is installed only if
/// its signature holds against the trusted keys (<see cref="SignatureVerdicts"/>: verified once per
/// offer, not per phone); without trusted keys the simulation checks digests only. Given a publisher's
/// key, the simulation's own artifacts (those no registry offers) are signed with it, so its phones
/// check their signatures as well.
/// </summary>
public sealed class VirtualAgent
{
    private readonly Scenario _scenario;
    private readonly VirtualFleet _fleet;
    private readonly string _modelId;
    private readonly FaultSpec[] _tampering;
    private readonly string[,] _signedDigests;
    private readonly string[,] _tamperedDigests;

    // Registry offers seen in directives, by version and precision: a handful, shared by every phone.
    private readonly ArtifactOffer?[,] _offers;

    // The scenario's own deltas, when no registry offer says otherwise: base version and share, by version.
    private readonly short[] _deltaBase;
    private readonly double[] _deltaShare;

    private readonly SignatureVerdicts? _signatures;

    // The simulation's own artifacts, signed by its publisher, by version and precision; null: unsigned.
    private readonly ArtifactOffer[,]? _ownOffers;

    public VirtualAgent(Scenario scenario, VirtualFleet fleet, SignatureVerdicts? signatures = null, SigningKey? publisher = null)
    {
        _signatures = signatures;
        _scenario = scenario;
        _fleet = fleet;
        _modelId = scenario.Deployment.ModelId;
        _tampering = [.. scenario.Faults.Where(f => f.Kind == FaultKind.TamperedArtifact)];
        var precisions = Enum.GetValues<Precision>().Length;
        _offers = new ArtifactOffer?[fleet.Versions.Count, precisions];
        _signedDigests = new string[fleet.Versions.Count, precisions];
        _tamperedDigests = new string[fleet.Versions.Count, precisions];
        _deltaBase = new short[fleet.Versions.Count];
        _deltaShare = new double[fleet.Versions.Count];
        for (var v = 0; v < fleet.Versions.Count; v++)
        {
            for (var p = 0; p < precisions; p++)
            {
                var key = new ModelRef(_modelId, fleet.Versions[v], (Precision)p).Key;
                _signedDigests[v, p] = ArtifactDigest.Of(System.Text.Encoding.UTF8.GetBytes(key));
                _tamperedDigests[v, p] = ArtifactDigest.Of(System.Text.Encoding.UTF8.GetBytes(key + " tampered"));
            }

            var spec = scenario.Models.GetValueOrDefault(fleet.Versions[v]);
            _deltaBase[v] = spec?.DeltaPercent is null ? VirtualFleet.NoVersion : (short)fleet.VersionIndex(scenario.Deployment.PreviousVersion);
            _deltaShare[v] = (spec?.DeltaPercent ?? 0) / 100;
        }

        if (publisher is not null)
        {
            _ownOffers = new ArtifactOffer[fleet.Versions.Count, precisions];
            for (var v = 0; v < fleet.Versions.Count; v++)
            {
                for (var p = 0; p < precisions; p++)
                {
                    var size = (long)(scenario.Deployment.SizeOf((Precision)p) * 1_000_000);
                    var manifest = new ArtifactManifest(_modelId, fleet.Versions[v], (Precision)p, _signedDigests[v, p], size);
                    _ownOffers[v, p] = new ArtifactOffer($"sim://{manifest.Ref.Key}", size, manifest.Digest, publisher.KeyId, Convert.ToBase64String(publisher.Sign(manifest)), null, manifest);
                }
            }
        }
    }

    /// <summary>Advances an install in flight by one tick; returns the progress to report, if any, and what was downloaded.</summary>
    public (InstallProgress? Progress, Download Bytes) Advance(int device, SeededRandom rng, TimeSpan elapsed)
    {
        var target = _fleet.InstallTarget[device];
        if (target == VirtualFleet.NoVersion)
        {
            return (null, default);
        }

        var precision = (Precision)_fleet.InstallTargetPrecision[device];
        var slot = new ModelSlot(_modelId, _fleet.Versions[target], precision);
        if (_fleet.InstallTicksLeft[device] > 1)
        {
            _fleet.InstallTicksLeft[device]--;
            return (new InstallProgress(slot, InstallState.Downloading), default);
        }

        _fleet.InstallTarget[device] = VirtualFleet.NoVersion;
        var (full, delta) = DownloadBytes(device, target, precision);
        var offer = _offers[target, (int)precision];
        if ((offer ?? _ownOffers?[target, (int)precision]) is { } signedOffer && _signatures?.Problem(signedOffer) is { } unsigned)
        {
            // A real installer checks the offer before it fetches anything.
            return (new InstallProgress(slot, InstallState.Failed, $"refused: {unsigned}"), new Download(0, 0, true));
        }

        var signed = offer?.Digest ?? _signedDigests[target, (int)precision];
        var received = Tampered(device, slot, elapsed) ? _tamperedDigests[target, (int)precision] : signed;
        if (ArtifactInstall.Verdict(signed, received) is { } refused)
        {
            return (new InstallProgress(slot, InstallState.Failed, $"refused: {refused}"), new Download(full, delta, true));
        }

        var download = new Download(full, delta, false);
        if (rng.NextDouble() < _scenario.Simulation.InstallFailureRate)
        {
            return (new InstallProgress(slot, InstallState.Failed, "signature verification failed"), download);
        }

        _fleet.InstalledVersion[device] = target;
        _fleet.InstalledPrecision[device] = (byte)precision;
        return (new InstallProgress(slot, InstallState.Installed), download);
    }

    /// <summary>Takes the grain's directive: starts a download when it names something new.</summary>
    public void Obey(int device, DeviceDirective directive)
    {
        if (!directive.Accepted || directive.Desired is not { } desired)
        {
            return;
        }

        var version = (short)_fleet.VersionIndex(desired.Version);
        var alreadyThere = _fleet.InstalledVersion[device] == version && _fleet.InstalledPrecision[device] == (byte)desired.Precision;
        if (alreadyThere || version == VirtualFleet.NoVersion)
        {
            _fleet.InstallTarget[device] = VirtualFleet.NoVersion;
            return;
        }

        if (_fleet.InstallTarget[device] == version && _fleet.InstallTargetPrecision[device] == (byte)desired.Precision)
        {
            return;
        }

        if (directive.Artifact is { } offer)
        {
            _offers[version, (int)desired.Precision] = offer;
        }

        _fleet.InstallTarget[device] = version;
        _fleet.InstallTargetPrecision[device] = (byte)desired.Precision;
        var (full, delta) = directive.Artifact is null && !HasDelta(device, version, desired.Precision)
            ? ((long)(directive.ArtifactMegabytes * 1_000_000), 0L)
            : DownloadBytes(device, version, desired.Precision);
        _fleet.InstallTicksLeft[device] = DownloadTicks((full + delta) / 1e6, _fleet.BandwidthFactor[device]);
    }

    /// <summary>The delta when the phone holds its base (same variant of the base version), else the whole artifact.</summary>
    private (long Full, long Delta) DownloadBytes(int device, short version, Precision precision)
    {
        var offer = _offers[version, (int)precision];
        var full = offer?.SizeBytes ?? (long)(_scenario.Deployment.SizeOf(precision) * 1_000_000);
        if (!HasDelta(device, version, precision))
        {
            return (full, 0);
        }

        return (0, offer?.Delta?.SizeBytes ?? (long)Math.Round(full * _deltaShare[version]));
    }

    private bool HasDelta(int device, short version, Precision precision)
    {
        var offer = _offers[version, (int)precision];
        var baseVersion = offer is null ? _deltaBase[version] : offer.Delta is { } d ? (short)_fleet.VersionIndex(d.FromVersion) : VirtualFleet.NoVersion;
        return baseVersion != VirtualFleet.NoVersion
            && _fleet.InstalledVersion[device] == baseVersion
            && _fleet.InstalledPrecision[device] == (byte)precision;
    }

    private bool Tampered(int device, ModelSlot slot, TimeSpan elapsed)
    {
        foreach (var fault in _tampering)
        {
            if (fault.Applies(slot.Version, _fleet.ChipsetNames[_fleet.Chipset[device]], _fleet.GroupNames[_fleet.Group[device]], slot.Precision, elapsed) && fault.Hits(device))
            {
                return true;
            }
        }

        return false;
    }

    private byte DownloadTicks(double megabytes, double bandwidthFactor)
    {
        var seconds = megabytes * 8 / (_scenario.Simulation.DownloadMbps * bandwidthFactor);
        var ticks = Math.Ceiling(seconds / _scenario.Simulation.Tick.TotalSeconds);
        return (byte)Math.Clamp(ticks, 1, 200);
    }
}

using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;
using ApexFleet.Simulator.Telemetry;

namespace ApexFleet.Simulator.Tests;

/// <summary>A virtual phone installs a registry offer only when a key it trusts signed it, and the verdict is reached once for the fleet.</summary>
public class SignedOfferTests
{
    private static readonly Scenario Scenario = ScenarioReader.Default().WithDevices(1000) is var s
        ? s with { Simulation = s.Simulation with { InstallFailureRate = 0 } }
        : throw new InvalidOperationException();

    private static readonly SigningKey Key = SigningKey.Generate();

    private static ArtifactOffer Offer(SigningKey signer)
    {
        var d = Scenario.Deployment;
        var size = (long)(d.SizeOf(d.Precision) * 1_000_000);
        var manifest = new ArtifactManifest(d.ModelId, d.TargetVersion, d.Precision, ArtifactDigest.Of("weights"u8), size);
        return new ArtifactOffer("/full", size, manifest.Digest, signer.KeyId, Convert.ToBase64String(signer.Sign(manifest)), null, manifest);
    }

    private static (InstallProgress? Progress, Download Download) Install(VirtualAgent agent, int device, ArtifactOffer offer)
    {
        var d = Scenario.Deployment;
        agent.Obey(device, new DeviceDirective(new ModelSlot(d.ModelId, d.TargetVersion, d.Precision), false, d.ArtifactMegabytes, true, null, Artifact: offer));
        InstallProgress? progress;
        Download download;
        do
        {
            (progress, download) = agent.Advance(device, new SeededRandom(1), TimeSpan.Zero);
        }
        while (progress is { State: InstallState.Downloading });

        return (progress, download);
    }

    [Fact]
    public void An_offer_signed_by_an_untrusted_key_is_refused_and_counted_and_a_trusted_one_installs()
    {
        using var stranger = SigningKey.Generate();
        var verdicts = new SignatureVerdicts(new TrustedKeys([TrustedKey.Parse(Key.PublicKeyText, "test key")]));
        var fleet = PopulationGenerator.Generate(Scenario, ChipsetCatalogue.Default);
        var agent = new VirtualAgent(Scenario, fleet, verdicts);

        var (refused, nothing) = Install(agent, 0, Offer(stranger));
        var (installed, _) = Install(agent, 1, Offer(Key));
        var others = Enumerable.Range(2, 50).Select(i => Install(agent, i, Offer(Key)).Progress!.State).ToList();

        Assert.Equal(InstallState.Failed, refused?.State);
        Assert.Equal($"refused: signer key {stranger.KeyId} is not trusted", refused!.Reason);
        Assert.Equal(new Download(0, 0, true), nothing);
        Assert.Equal(1, new TelemetryModel(Scenario, ChipsetCatalogue.Default, fleet).Measure(0, 1, 1, new SeededRandom(1), refused, nothing).Counters.ArtifactsRefused);
        Assert.Equal((long)fleet.VersionIndex(Scenario.Deployment.PreviousVersion), fleet.InstalledVersion[0]);
        Assert.Equal(InstallState.Installed, installed?.State);
        Assert.All(others, state => Assert.Equal(InstallState.Installed, state));
        // One verification for the untrusted offer, one for the trusted one, however many phones installed it.
        Assert.Equal(2, verdicts.Verifications);
    }
}

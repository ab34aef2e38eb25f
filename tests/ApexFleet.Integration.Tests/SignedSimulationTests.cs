using ApexFleet.Abstractions.Devices;
using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Registry;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Integration.Tests;

/// <summary>An embedded simulation signs its artifacts, and its phones install only what a key they trust signed.</summary>
public class SignedSimulationTests
{
    private const int Devices = 2000;

    private static async Task<(SimulationResult Result, long Refused, int OnTarget)> RunAsync(SigningKey publisher, TrustedKeys trusted)
    {
        var scenario = ScenarioReader.Load(CliProcess.RepoFile("examples", "default.yaml")).WithDevices(Devices);
        await using var fleet = await EmbeddedFleet.StartAsync(CancellationToken.None);
        var result = await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync) { Publisher = publisher, TrustedKeys = trusted }.RunAsync(scenario);
        var devices = await Task.WhenAll(Enumerable.Range(0, Devices).Select(i => fleet.Grains.GetGrain<IDeviceGrain>(VirtualFleet.DeviceId(i)).GetSnapshot()));
        var target = scenario.Deployment.TargetVersion;
        return (result, devices.Sum(d => d.Counters.ArtifactsRefused), devices.Count(d => d.Installed?.Version == target));
    }

    [Fact]
    public async Task Phones_refuse_and_count_an_artifact_signed_by_a_key_they_do_not_trust_and_install_one_signed_by_theirs()
    {
        using var theirs = new RunKey();
        using var stranger = new RunKey();

        var refused = await RunAsync(stranger.Signer, theirs.Trusted);
        var signed = await RunAsync(theirs.Signer, theirs.Trusted);

        Assert.False(refused.Result.Completed);
        Assert.Equal(0, refused.OnTarget);
        // Nothing in the default scenario alters bytes: every refusal is the signature's.
        Assert.True(refused.Refused > 0, "no phone counted a refused artifact");
        Assert.True(signed.Result.Completed, $"the signed rollout ended {signed.Result.Final.Phase}");
        Assert.Equal(0, signed.Refused);
        Assert.True(signed.OnTarget > Devices * 0.9, $"{signed.OnTarget} of {Devices} phones run the target");
    }
}

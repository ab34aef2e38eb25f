using ApexFleet.Domain.Manifests;
using ApexFleet.LoadTest.Campaigns;

namespace ApexFleet.LoadTest.Tests;

public class CampaignTests
{
    private const string Valid = """
        apiVersion: apexfleet.io/v1
        kind: LoadCampaign
        metadata:
          name: ramp-spike-kill
        spec:
          target:
            transport: http
            url: http://127.0.0.1:18080
            connections: 2
          agents:
            interval: 500ms
            inference: false
            mix:
              snapdragon-8-gen-3: 3
              snapdragon-4-gen-2: 1
          phases:
            - { name: ramp, kind: rampUp, duration: 10s, agents: 100 }
            - { name: hold, kind: steady, duration: 20s }
            - { name: burst, kind: spike, duration: 5s, agents: 400 }
            - { name: kill, kind: siloKill, duration: 15s, pidFile: silo-2.pid }
            - { name: down, kind: rampUp, duration: 10s, agents: 0 }
        """;

    private static LoadCampaign Parse(string yaml) => LoadCampaignReader.Parse("campaign.yaml", yaml, "/tmp/campaigns");

    [Fact]
    public void A_campaign_reads_its_target_agents_and_phases()
    {
        var campaign = Parse(Valid);

        Assert.Equal("ramp-spike-kill", campaign.Name);
        Assert.Equal(new CampaignTarget("http", "127.0.0.1:30000", "http://127.0.0.1:18080", "apexfleet", 2), campaign.Target);
        Assert.Equal(TimeSpan.FromMilliseconds(500), campaign.ReportInterval);
        Assert.False(campaign.Inference);
        Assert.Equal(["snapdragon-8-gen-3", "snapdragon-8-gen-3", "snapdragon-4-gen-2", "snapdragon-8-gen-3"], campaign.Mix.Deal(4));
        Assert.Equal(
            [
                new CampaignPhase("ramp", PhaseKind.RampUp, TimeSpan.FromSeconds(10), 100),
                new CampaignPhase("hold", PhaseKind.Steady, TimeSpan.FromSeconds(20), null),
                new CampaignPhase("burst", PhaseKind.Spike, TimeSpan.FromSeconds(5), 400),
                new CampaignPhase("kill", PhaseKind.SiloKill, TimeSpan.FromSeconds(15), null, "/tmp/campaigns/silo-2.pid"),
                new CampaignPhase("down", PhaseKind.RampUp, TimeSpan.FromSeconds(10), 0),
            ],
            campaign.Phases);
        Assert.Null(campaign.Rollout);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(2.5, 25)]
    [InlineData(9.99, 100)]
    [InlineData(10.0, 100)]
    [InlineData(29.9, 100)]
    [InlineData(30.0, 400)]
    [InlineData(34.9, 400)]
    [InlineData(35.0, 100)]
    [InlineData(50.0, 100)]
    [InlineData(52.5, 75)]
    [InlineData(60.0, 0)]
    [InlineData(99.0, 0)]
    public void The_schedule_ramps_holds_spikes_back_and_ramps_down(double seconds, int agents)
    {
        var schedule = Parse(Valid).Schedule;

        // 0-10 s ramp 0→100, 10-30 hold, 30-35 spike at 400, then back to 100 through the kill, 50-60 ramp 100→0.
        Assert.Equal(agents, schedule.AgentsAt(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Duration);
        Assert.Equal(400, schedule.MaxAgents);
        Assert.Equal(TimeSpan.FromSeconds(35), schedule.StartOf(3));
    }

    [Fact]
    public void Every_mistake_is_reported_at_once_with_its_line_and_field()
    {
        var yaml = """
            kind: LoadCampaign
            metadata: { name: broken }
            spec:
              target:
                gateway: 10.0.0.7:30000
                transport: grpc
              agents:
                mix: { snapdragon-8-gen-3: 0 }
              phases:
                - { name: up, kind: rampUp, duration: 10s }
                - { name: up, kind: plateau, duration: 0s }
                - { name: kill, kind: siloKill, duration: 5s }
                - { name: calm, kind: steady, duration: 2h, pidFile: x.pid, agent: 3 }
              rollout: { manifest: no-such.yaml, atPhase: later }
            """;

        var errors = Assert.Throws<ManifestException>(() => Parse(yaml)).Errors.Select(e => $"{e.Line} {e.Field}: {e.Message}").ToList();

        Assert.Contains("5 spec.target.gateway: --gateway: 10.0.0.7 is not a loopback address; a load test only sends to this machine (127.0.0.0/8, ::1)", errors);
        Assert.Contains(errors, e => e.StartsWith("6 spec.target.transport: must be one of orleans, http (got 'grpc')", StringComparison.Ordinal));
        Assert.Contains("8 spec.agents.mix.snapdragon-8-gen-3: must be more than 0 (leave a chipset out instead)", errors);
        Assert.Contains("10 spec.phases[0].agents: is required", errors);
        Assert.Contains("11 spec.phases[1].name: 'up' names an earlier phase too; phase names are unique", errors);
        Assert.Contains(errors, e => e.StartsWith("11 spec.phases[1].kind: must be one of rampUp, steady, spike, siloKill (got 'plateau')", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("11 spec.phases[1].duration: must be", StringComparison.Ordinal));
        Assert.Contains("12 spec.phases[2].pidFile: is required", errors);
        Assert.Contains("13 spec.phases[3].pidFile: only a siloKill phase kills a silo", errors);
        Assert.Contains(errors, e => e.StartsWith("13 spec.phases[3].agent: unknown field;", StringComparison.Ordinal));
        Assert.Contains("10 spec.phases: last 7215s together; a campaign may last at most 1h", errors);
        Assert.Contains("14 spec.rollout.atPhase: names no phase; the phases are up, up, kill, calm", errors);
        Assert.Contains(errors, e => e.StartsWith("14 spec.rollout.manifest: no such manifest file", StringComparison.Ordinal));
    }

    [Fact]
    public void Another_kind_of_document_is_not_a_campaign()
    {
        var error = Assert.Single(Assert.Throws<ManifestException>(() => Parse("kind: Scenario\nmetadata: { name: x }\nspec:\n  phases: [ { name: a, kind: steady, duration: 1s, agents: 1 } ]\n")).Errors);
        Assert.Equal("kind", error.Field);
        Assert.Equal("must be LoadCampaign (got 'Scenario')", error.Message);
    }
}

public class SiloKillerTests
{
    [Theory]
    [InlineData("dotnet /repo/.artifacts/cli/apexfleet.dll silo --gateway-port 30001", true)]
    [InlineData("/bin/bash ./apexfleet silo", true)]
    [InlineData("dotnet /repo/.artifacts/bench/ApexFleet.Benchmarks.dll bench gateway-silo --gateway-port 1", true)]
    [InlineData("dotnet /repo/.artifacts/cli/apexfleet.dll loadtest --agents 10", false)]
    [InlineData("postgres -D /tmp/silo", false)]
    [InlineData("vim silo.pid", false)]
    public void Only_an_apexfleet_silo_is_taken_for_one(string commandLine, bool silo) =>
        Assert.Equal(silo, SiloKiller.IsSilo(commandLine));

    [Fact]
    public void A_pid_file_naming_another_process_is_refused_and_that_process_lives()
    {
        var pidFile = Path.GetTempFileName();
        File.WriteAllText(pidFile, $"{Environment.ProcessId}\n");
        try
        {
            var error = Assert.Throws<CampaignException>(() => SiloKiller.Kill(pidFile));
            Assert.Contains($"process {Environment.ProcessId} ({pidFile}) is not an apexfleet silo", error.Message);
            File.WriteAllText(pidFile, "not-a-pid");
            Assert.Contains("holds 'not-a-pid', not a process id", Assert.Throws<CampaignException>(() => SiloKiller.Kill(pidFile)).Message);
        }
        finally
        {
            File.Delete(pidFile);
        }

        Assert.Contains("no pid file", Assert.Throws<CampaignException>(() => SiloKiller.Kill(pidFile)).Message);
    }
}

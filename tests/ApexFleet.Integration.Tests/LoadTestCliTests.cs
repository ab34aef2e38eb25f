using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// `apexfleet loadtest` as a separate process against a real standalone silo, over both transports:
/// no errors, and the device grains counted exactly the reports the tester says were accepted.
/// </summary>
public sealed class LoadTestCliTests : IAsyncLifetime
{
    private const int Agents = 50;

    private readonly StandaloneSilo _silo = new("load");

    public async ValueTask InitializeAsync() => await _silo.StartAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Theory]
    [InlineData("orleans")]
    [InlineData("http")]
    public async Task A_short_load_test_has_no_errors_and_every_accepted_report_is_counted_once_by_its_device(string transport)
    {
        var json = Path.Combine(_silo.Options.DataDirectory, $"{transport}.json");
        var prefix = $"load-{transport}-";
        var run = await CliProcess.RunAsync(
            TimeSpan.FromMinutes(2),
            "loadtest", "--agents", $"{Agents}", "--duration", "3s", "--interval", "100ms", "--transport", transport, "--connections", "3",
            "--gateway", $"127.0.0.1:{_silo.Options.GatewayPort}", "--url", $"http://127.0.0.1:{_silo.Options.HttpPort}", "--cluster-id", _silo.Options.ClusterId,
            "--device-prefix", prefix, "--json", json, "--token", SiloTokens.For(_silo.Options, FleetRole.Admin));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = result.RootElement;
        Assert.Equal(Agents, root.GetProperty("enrolled").GetInt64());
        Assert.Equal(0, root.GetProperty("errors").GetInt64());
        Assert.Equal(0, root.GetProperty("rejected").GetInt64());
        var accepted = root.GetProperty("accepted").GetInt64();
        Assert.True(accepted >= Agents, $"only {accepted} reports accepted");
        Assert.Contains("p99 ", run.Stdout);

        var grains = _silo.Grains;
        var snapshots = await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => grains.GetGrain<IDeviceGrain>($"{prefix}{i:D6}").GetSnapshot()));
        Assert.All(snapshots, s => Assert.NotNull(s.Profile));
        Assert.Equal(accepted, snapshots.Sum(s => s.Counters.Reports));
        Assert.Equal(accepted, snapshots.Sum(s => s.LastSequence));
    }

    [Fact]
    public async Task A_campaign_ramps_spikes_starts_its_rollout_and_draws_the_decisions_on_the_load_timeline()
    {
        var dir = _silo.Options.DataDirectory;
        File.Copy(CliProcess.RepoFile("examples", "loadtest", "digits-2-0-0.yaml"), Path.Combine(dir, "digits.yaml"));
        var campaign = Path.Combine(dir, "campaign.yaml");
        await File.WriteAllTextAsync(campaign, $$"""
            kind: LoadCampaign
            metadata: { name: short-campaign }
            spec:
              target: { gateway: "127.0.0.1:{{_silo.Options.GatewayPort}}", clusterId: {{_silo.Options.ClusterId}}, connections: 2 }
              agents: { interval: 200ms, inference: false, mix: { snapdragon-8-gen-3: 1, exynos-2400: 1 } }
              phases:
                - { name: up, kind: rampUp, duration: 2s, agents: 40 }
                - { name: hold, kind: steady, duration: 3s }
                - { name: burst, kind: spike, duration: 2s, agents: 80 }
              rollout: { manifest: digits.yaml, atPhase: hold }
            """);
        var html = Path.Combine(dir, "campaign.html");
        var json = Path.Combine(dir, "campaign.json");

        var run = await CliProcess.RunAsync(TimeSpan.FromMinutes(2), "loadtest", "--campaign", campaign, "--report-html", html, "--json", json, "--device-prefix", "campaign-");

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var events = report.RootElement.GetProperty("events").EnumerateArray().Select(e => (At: e.GetProperty("atSeconds").GetDouble(), Kind: e.GetProperty("kind").GetString(), What: e.GetProperty("what").GetString())).ToList();
        Assert.Equal(["phase up", "phase hold", "phase burst"], events.Where(e => e.Kind == "PhaseStarted").Select(e => e.What));
        var started = Assert.Single(events, e => e.Kind == "RolloutStarted");
        Assert.InRange(started.At, 1.9, 4.0);
        Assert.Contains(events, e => e.Kind == "RolloutDecision" && e.What == "Start" && Math.Abs(e.At - started.At) < 2);
        var load = report.RootElement.GetProperty("load");
        Assert.Equal(0, load.GetProperty("errors").GetInt64());
        Assert.Equal(80, load.GetProperty("agents").GetInt32());
        Assert.Equal(80, load.GetProperty("intervals").EnumerateArray().Max(i => i.GetProperty("activeAgents").GetInt32()));

        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("<title>Load campaign short-campaign</title>", page);
        Assert.Contains("Accepted reports per second", page);
        Assert.Contains("rollout start", page);
        Assert.Contains(">Start<", page);

        // Every agent that took part enrolled and ran the rollout's previous version or its target.
        var grains = _silo.Grains;
        var device = await grains.GetGrain<IDeviceGrain>("campaign-000079").GetSnapshot();
        Assert.Equal("digits", device.Installed?.ModelId);
        Assert.Equal(load.GetProperty("accepted").GetInt64(), (await Task.WhenAll(Enumerable.Range(0, 80).Select(i => grains.GetGrain<IDeviceGrain>($"campaign-{i:D6}").GetSnapshot()))).Sum(s => s.Counters.Reports));
    }

    [Fact]
    public async Task A_target_off_this_machine_is_refused_before_anything_is_sent()
    {
        var run = await CliProcess.RunAsync("loadtest", "--agents", "10", "--duration", "5s", "--gateway", "10.1.2.3:30000");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --gateway: 10.1.2.3 is not a loopback address", run.Stderr);
    }

    [Fact]
    public async Task Http_agents_without_an_admin_token_to_issue_their_credentials_are_refused_before_anything_is_sent()
    {
        var run = await CliProcess.RunAsync("loadtest", "--agents", "10", "--duration", "5s", "--transport", "http", "--url", $"http://127.0.0.1:{_silo.Options.HttpPort}");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --transport http needs an admin token to issue the virtual agents' device credentials", run.Stderr);
    }

    [Fact]
    public async Task Agents_and_duration_are_required_and_bounded()
    {
        var missing = await CliProcess.RunAsync("loadtest", "--agents", "10");
        var tooMany = await CliProcess.RunAsync("loadtest", "--agents", "1000000", "--duration", "5s");
        var tooLong = await CliProcess.RunAsync("loadtest", "--agents", "10", "--duration", "2h");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--duration is required", missing.Stderr);
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("--agents must be a whole number from 1 to 100000", tooMany.Stderr);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("--duration must be more than 0 and at most 60 minutes", tooLong.Stderr);
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Json;
using ApexFleet.Agent;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// Issue 17's "done when": a silo process on PostgreSQL and three agent processes, one per variant,
/// running real ONNX inference; a signed model rolled out and back, a silo restart in between, and
/// the agents' own counts of what the fleet took against the device grains' counters.
/// </summary>
public sealed class RealAgentTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly string _dir = Directory.CreateTempSubdirectory("apexfleet-agents-").FullName;
    private readonly string _cluster = $"agents-{Guid.NewGuid():N}"[..24];
    private readonly int _siloPort = FleetHost.FreePort();
    private readonly int _gatewayPort = FleetHost.FreePort();
    private readonly int _httpPort = FleetHost.FreePort();
    private readonly List<RunningProgram> _programs = [];
    private HttpClient _http = new();
    private string _token = "";

    public ValueTask InitializeAsync()
    {
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}/") };
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var program in _programs)
        {
            await program.DisposeAsync();
        }

        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Three_agents_follow_a_signed_rollout_and_its_rollback_across_a_silo_restart_with_every_report_counted_once()
    {
        var keys = await CliProcess.RunAsync("keys", "generate", "--name", "signing", "--out", _dir);
        Assert.True(keys.ExitCode == 0, keys.Stderr);
        // An admin's token, signed with the key the silo will find in its data directory.
        var token = await CliProcess.RunAsync("token", "create", "--role", "admin", "--name", "release-engineer", "--data-dir", Path.Combine(_dir, "data"));
        Assert.True(token.ExitCode == 0, token.Stderr);
        _token = token.Stdout.Trim();
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        var silo = await StartSiloAsync();

        // One model per variant, so each agent's rollback goes back to its own variant. Version 2 is
        // version 1 with another doc_string appended (protobuf keeps the last): other bytes, same network.
        var variants = new[] { Precision.Fp32, Precision.Int8, Precision.Int4 };
        var v1 = variants.ToDictionary(v => v, v => File.ReadAllBytes(CliProcess.RepoFile("models", "digits", $"digits-{v.ToLabel().ToLowerInvariant()}.onnx")));
        var v2 = variants.ToDictionary(v => v, v => (byte[])[.. v1[v], .. DocString($"apexfleet agent test, version 2 of {v.ToLabel()}")]);
        foreach (var variant in variants)
        {
            await PushAsync(variant, "1.0.0", v1[variant]);
            await PushAsync(variant, "2.0.0", v2[variant]);
        }

        var agents = new List<(Precision Variant, string Id, RunningProgram Agent)>();
        foreach (var variant in variants)
        {
            agents.Add(await StartAgentAsync(variant, variant == Precision.Int4 ? "http" : "orleans"));
        }

        foreach (var (variant, id, _) in agents)
        {
            await WaitForAsync($"{id} to report as {ModelOf(variant)}@1.0.0", async () =>
                await Snapshot(id) is { Installed.Version: "1.0.0", LastSequence: > 0 });
        }

        foreach (var variant in variants)
        {
            var started = await _http.PostAsync("api/rollouts", new StringContent($$"""
                apiVersion: apexfleet.io/v1
                kind: Deployment
                metadata: { name: {{ModelOf(variant)}}-2 }
                spec:
                  model: { id: {{ModelOf(variant)}}, version: "2.0.0", previousVersion: "1.0.0", precision: {{variant.ToLabel()}} }
                  stages:
                    - { name: everyone, percent: 100, bakeWindow: 1h }
                """));
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        }

        foreach (var (variant, id, _) in agents)
        {
            await WaitForAsync($"{id} to run 2.0.0", async () => Status(id) is { Running.Version: "2.0.0" } s && s.RunningDigest == ArtifactDigest.Of(v2[variant])
                && await Snapshot(id) is { Installed.Version: "2.0.0" });
        }

        // The silo stops as an operator stops it and comes back on the same ports and database;
        // the agents keep serving, keep their reports, and resend what was not acknowledged.
        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        silo = await StartSiloAsync();
        foreach (var (_, id, _) in agents)
        {
            var before = (await Snapshot(id)).LastSequence;
            await WaitForAsync($"{id} to report after the restart", async () => (await Snapshot(id)).LastSequence > before);
        }

        foreach (var variant in variants)
        {
            var aborted = await _http.PostAsync($"api/rollouts/{ModelOf(variant)}-2/abort", null);
            Assert.True(aborted.IsSuccessStatusCode, await aborted.Content.ReadAsStringAsync());
        }

        foreach (var (variant, id, _) in agents)
        {
            await WaitForAsync($"{id} to roll back to 1.0.0", async () => Status(id) is { Running.Version: "1.0.0", Rollbacks: 1 } s && s.RunningDigest == ArtifactDigest.Of(v1[variant])
                && await Snapshot(id) is { Installed.Version: "1.0.0", InstallState: InstallState.RolledBack });
        }

        foreach (var (variant, id, agent) in agents)
        {
            var exit = await agent.StopAsync(TimeSpan.FromSeconds(20));
            Assert.True(exit == 0, $"exit code {exit}:\n{agent.Output}");
            var tally = JsonSerializer.Deserialize<AgentTally>(await File.ReadAllTextAsync(Path.Combine(_dir, $"{id}.summary.json")), FleetJson.Options)!;
            var device = await Snapshot(id);

            Assert.Equal(new ModelSlot(ModelOf(variant), "1.0.0", variant), tally.Running);
            Assert.Equal(ArtifactDigest.Of(v1[variant]), tally.RunningDigest);
            Assert.Equal((1L, 1L, 0L, 0L), (tally.Installs, tally.Rollbacks, tally.InstallFailures, tally.ArtifactsRefused));
            // The install of version 2 took the delta from the shipped version 1.
            Assert.True(tally.BytesDelta > 0 && tally.BytesFull == 0, $"{id}: {tally.BytesFull} bytes full, {tally.BytesDelta} by delta");
            Assert.Equal(0, tally.Unacknowledged);
            Assert.Equal(0, tally.RefusedReports);
            Assert.Equal(tally.Reports, tally.Acknowledged);
            Assert.Equal(tally.Acknowledged, device.Counters.Reports);
            Assert.Equal(tally.AcknowledgedInferences, device.Counters.Inferences);
            Assert.Equal(tally.LastAcknowledgedSequence, device.LastSequence);
            Assert.True(tally.Inferences > 0 && tally.Crashes == 0, agent.Output);
            Assert.Equal(tally.Correct, device.Counters.Outcomes.TruePositives);
            Assert.True(tally.Reconnects >= 1 || variant == Precision.Int4, $"{id} never lost its link:\n{agent.Output}");
        }

        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(30)));

        // No device secret and no token in what the silos and agents printed, nor in the agents' JSON.
        var secrets = agents.Select(a => File.ReadAllText(Path.Combine(_dir, $"{a.Id}.credential")).Trim().Split('.')[^1]).Append(_token).ToList();
        var printed = _programs.Select(p => p.Output).Concat(agents.Select(a => File.ReadAllText(Path.Combine(_dir, $"{a.Id}.summary.json"))));
        Assert.DoesNotContain(printed, text => secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)));

        // The silo's console carries warnings and errors, not a line for every grain it placed.
        Assert.All(_programs.Where(p => p.Name == "silo"), p => Assert.DoesNotContain("info: ", p.Output, StringComparison.Ordinal));
    }

    private static string ModelOf(Precision variant) => $"digits-{variant.ToLabel().ToLowerInvariant()}";

    /// <summary>A protobuf field 6 (ModelProto.doc_string), length-delimited.</summary>
    private static byte[] DocString(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(bytes.Length < 128);
        return [0x32, (byte)bytes.Length, .. bytes];
    }

    private async Task<RunningProgram> StartSiloAsync()
    {
        var silo = RunningProgram.Start("silo", "apexfleet.dll",
            "silo", "--clustering", "AdoNet", "--storage", "AdoNet", "--connection", TestPostgres.ConnectionString, "--cluster-id", _cluster,
            "--silo-port", $"{_siloPort}", "--gateway-port", $"{_gatewayPort}", "--http-port", $"{_httpPort}",
            "--data-dir", Path.Combine(_dir, "data"), "--trusted-keys", Path.Combine(_dir, "signing.pub"));
        _programs.Add(silo);
        await WaitForAsync("the silo to answer /health", async () =>
        {
            Assert.False(silo.HasExited, silo.Output);
            try
            {
                return (await _http.GetAsync("health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        });
        return silo;
    }

    private async Task PushAsync(Precision variant, string version, byte[] bytes)
    {
        var file = Path.Combine(_dir, $"{ModelOf(variant)}-{version}.onnx");
        await File.WriteAllBytesAsync(file, bytes);
        var pushed = await CliProcess.RunAsync("model", "push", "--model", ModelOf(variant), "--version", version, "--variant", variant.ToLabel(),
            "--file", file, "--key", Path.Combine(_dir, "signing.key"), "--url", $"http://127.0.0.1:{_httpPort}", "--token", _token);
        Assert.True(pushed.ExitCode == 0, pushed.Stdout + pushed.Stderr);
    }

    private async Task<(Precision Variant, string Id, RunningProgram Agent)> StartAgentAsync(Precision variant, string transport)
    {
        var id = $"agent-{variant.ToLabel().ToLowerInvariant()}";
        var credential = Path.Combine(_dir, $"{id}.credential");
        var issued = await CliProcess.RunAsync("device", "credential", id, "--out", credential, "--url", $"http://127.0.0.1:{_httpPort}", "--token", _token);
        Assert.True(issued.ExitCode == 0, issued.Stdout + issued.Stderr);
        var agent = RunningProgram.Start(id, "ApexFleet.Agent.dll",
            "--device-id", id, "--transport", transport, "--gateway", $"127.0.0.1:{_gatewayPort}", "--cluster-id", _cluster,
            "--url", $"http://127.0.0.1:{_httpPort}", "--model", ModelOf(variant), "--model-version", "1.0.0", "--variant", variant.ToLabel(),
            "--trusted-keys", Path.Combine(_dir, "signing.pub"), "--credential", credential, "--rate", "20/s", "--report-every", "250ms",
            "--state-dir", Path.Combine(_dir, id), "--status-file", Path.Combine(_dir, $"{id}.status.json"),
            "--summary-json", Path.Combine(_dir, $"{id}.summary.json"));
        _programs.Add(agent);
        return (variant, id, agent);
    }

    private AgentTally? Status(string id)
    {
        var file = Path.Combine(_dir, $"{id}.status.json");
        return File.Exists(file) ? JsonSerializer.Deserialize<AgentTally>(File.ReadAllText(file), FleetJson.Options) : null;
    }

    private async Task<DeviceSnapshot> Snapshot(string id) =>
        (await _http.GetFromJsonAsync<DeviceSnapshot>($"api/devices/{id}", FleetJson.Options))!;

    private async Task WaitForAsync(string what, Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                if (await done())
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
            }

            Assert.True(DateTime.UtcNow < until, $"waited {Patience.TotalSeconds:0} s for {what}\n"
                + string.Join("\n", _programs.Select(p => $"--- {p.Name}:\n{p.Output}")));
            await Task.Delay(250);
        }
    }
}

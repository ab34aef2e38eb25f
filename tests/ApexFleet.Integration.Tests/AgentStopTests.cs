using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Agent;
using ApexFleet.Domain.Security;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>An agent stopped while its silo holds a call open still ends as an operator expects: exit 0 and a summary.</summary>
public sealed class AgentStopTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apexfleet-agent-stop-").FullName;

    [Fact]
    public async Task SIGTERM_during_a_call_the_silo_never_answers_ends_with_exit_0_and_the_summary()
    {
        // A silo that accepts the connection and never answers: the agent's enrolment waits on it.
        using var silent = new TcpListener(IPAddress.Loopback, FleetHost.FreePort());
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var credential = Path.Combine(_dir, "phone.credential");
        await File.WriteAllTextAsync(credential, DeviceSecret.Generate("phone").Credential);
        var summary = Path.Combine(_dir, "summary.json");
        await using var agent = RunningProgram.Start("agent", "ApexFleet.Agent.dll",
            "--device-id", "phone", "--transport", "http", "--url", $"http://127.0.0.1:{port}", "--credential", credential,
            "--report-every", "100ms", "--state-dir", Path.Combine(_dir, "state"), "--summary-json", summary);
        using var held = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var exit = await agent.StopAsync(TimeSpan.FromSeconds(20));

        Assert.True(exit == 0, $"exit code {exit}:\n{agent.Output}");
        Assert.Contains("summary of phone", agent.Output, StringComparison.Ordinal);
        var tally = JsonSerializer.Deserialize<AgentTally>(await File.ReadAllTextAsync(summary), FleetJson.Options)!;
        Assert.True(tally.Inferences > 0, agent.Output);
        Assert.Equal((0L, tally.Reports), (tally.Acknowledged, tally.Unacknowledged));
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}

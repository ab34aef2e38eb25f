using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ApexFleet.Agent.Link;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Security;
using ApexFleet.LoadTest;
using ApexFleet.LoadTest.Agents;
using ApexFleet.LoadTest.Statistics;
using ApexFleet.Silo.Security;

namespace ApexFleet.Benchmarks.Gateway;

/// <summary>
/// `bench gateway`: a silo in a process of its own, and from this process over the same K client
/// connections first raw no-op grain calls, then telemetry reports of N virtual agents to their device
/// grains; then as many agents over the HTTP device endpoint, and the raw calls once more. Each is
/// warmed up, then measured for the same time, back to back, so the ratios are of one run on one machine.
/// </summary>
public static class GatewayBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var agents = new Option<int>("--agents", "-n") { Description = "Virtual agents (and no-op grains).", DefaultValueFactory = _ => 10_000 }.Within(1, LoadLimits.MaxAgents);
        var connections = new Option<int>("--connections", "-k") { Description = "Client connections shared by the agents (the same ones for raw calls and telemetry).", DefaultValueFactory = _ => 4 }.Within(1, LoadLimits.MaxConnections);
        var seconds = new Option<double>("--seconds") { Description = "How long each of the three runs is measured, after 3 s of warm-up.", DefaultValueFactory = _ => 15 }.Within(1.0, 600.0);
        var inFlight = new Option<int>("--in-flight") { Description = "Calls waiting for an answer per connection at most.", DefaultValueFactory = _ => 256 }.Within(1, LoadLimits.MaxInFlight);
        var inference = new Option<bool>("--inference") { Description = "Run one ONNX inference per report on the client (off: the transport alone is measured)." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };
        var command = new Command("gateway", "Telemetry through the Orleans gateway from a separate process against raw no-op calls over the same connections, and the HTTP device endpoint's rate and p99 beside them.")
        {
            agents, connections, seconds, inFlight, inference, json,
        };
        command.SetAction((parse, token) => RunAsync(
            parse.GetValue(agents), parse.GetValue(connections), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(inFlight), parse.GetValue(inference), parse.GetValue(json), token));
        return command;
    }

    private static async Task<int> RunAsync(int agents, int connections, TimeSpan measured, int inFlight, bool inference, FileInfo? json, CancellationToken cancellationToken)
    {
        var (gatewayPort, siloPort, httpPort) = (EmbeddedFleet.FreePort(), EmbeddedFleet.FreePort(), EmbeddedFleet.FreePort());
        var clusterId = $"gateway-bench-{Guid.NewGuid():N}";
        Console.WriteLine($"Starting a silo process (gateway {gatewayPort}, HTTP {httpPort})...");
        // The bench holds the silo's token key, so it can issue its HTTP agents' device credentials as an admin would.
        var keyFile = Path.Combine(Path.GetTempPath(), $"{clusterId}.jwt.key");
        var key = TokenKey.Load(keyFile, create: true);
        using var silo = StartSilo(gatewayPort, siloPort, httpPort, clusterId, keyFile);
        try
        {
            await using var clients = await BenchClients.ConnectAsync(new IPEndPoint(IPAddress.Loopback, gatewayPort), clusterId, connections, TimeSpan.FromSeconds(60));
            using var sessions = inference ? SharedSessions.Load() : null;
            LoadPlan Plan(string prefix) => new(agents, measured, TimeSpan.Zero, inFlight, AgentMix.Default, prefix, "digits", "1.0.0");

            var raw = await MeasureAsync("Raw no-op grain calls", Plan("gw-raw-"), [.. clients.Grains.Select(g => new NoOpGrainLink(g))], sessions, enrol: false, cancellationToken);
            var orleans = await MeasureAsync("Telemetry reports through the Orleans gateway", Plan("gw-orleans-"), [.. clients.Grains.Select(g => new DeviceGrainLink(g))], sessions, enrol: true, cancellationToken);
            var url = new Uri($"http://127.0.0.1:{httpPort}/");
            var httpPlan = Plan("gw-http-");
            using var admin = TokenCommand.Client(url, FleetTokens.Create(key, FleetRole.Admin, "bench", TimeSpan.FromHours(1), DateTime.UtcNow), TimeSpan.FromSeconds(30));
            var credentials = await DeviceCredentialIssuer.IssueAllAsync(admin, Enumerable.Range(0, agents).Select(httpPlan.DeviceId), cancellationToken);
            var http = await MeasureAsync("Telemetry reports through the HTTP device endpoint", httpPlan, [.. Enumerable.Range(0, connections).Select(_ => HttpDeviceLink.Create(url, credentials))], sessions, enrol: true, cancellationToken);

            // Measured first, the baseline also pays for the two processes still tiering up; measured
            // again last, with every device grain resident. The ratio is against the faster of the two.
            var rawAfter = await MeasureAsync("Raw no-op grain calls again", Plan("gw-raw-"), [.. clients.Grains.Select(g => new NoOpGrainLink(g))], sessions, enrol: false, cancellationToken);
            var baseline = Math.Max(raw.AcceptedPerSecond, rawAfter.AcceptedPerSecond);

            var figures = new GatewayFigures(
                agents, connections, inFlight, measured.TotalSeconds, Environment.ProcessorCount, inference,
                raw.AcceptedPerSecond, raw.Latency, rawAfter.AcceptedPerSecond, rawAfter.Latency,
                orleans.AcceptedPerSecond, orleans.Latency, orleans.AcceptedPerSecond / baseline, orleans.Errors + orleans.Rejected, orleans.ErrorsByKind,
                http.AcceptedPerSecond, http.Latency, http.AcceptedPerSecond / baseline, http.Errors + http.Rejected, http.ErrorsByKind);
            Console.WriteLine();
            Console.WriteLine($"{"",-34}{"calls/s",12}{"p50 ms",9}{"p99 ms",9}{"ratio",8}{"errors",8}");
            Console.WriteLine($"{"raw no-op (Orleans), first",-34}{figures.RawCallsPerSecond,12:N0}{figures.RawLatency.P50Ms,9:0.00}{figures.RawLatency.P99Ms,9:0.00}{figures.RawCallsPerSecond / baseline,8:0.00}{raw.Errors,8:N0}");
            Console.WriteLine($"{"raw no-op (Orleans), last",-34}{figures.RawCallsPerSecondAfter,12:N0}{figures.RawLatencyAfter.P50Ms,9:0.00}{figures.RawLatencyAfter.P99Ms,9:0.00}{figures.RawCallsPerSecondAfter / baseline,8:0.00}{rawAfter.Errors,8:N0}");
            Console.WriteLine($"{"telemetry (Orleans gateway)",-34}{figures.OrleansReportsPerSecond,12:N0}{figures.OrleansLatency.P50Ms,9:0.00}{figures.OrleansLatency.P99Ms,9:0.00}{figures.OrleansRatio,8:0.00}{figures.OrleansFailures,8:N0}");
            Console.WriteLine($"{"telemetry (HTTP endpoint)",-34}{figures.HttpReportsPerSecond,12:N0}{figures.HttpLatency.P50Ms,9:0.00}{figures.HttpLatency.P99Ms,9:0.00}{figures.HttpRatio,8:0.00}{figures.HttpFailures,8:N0}");
            Console.WriteLine(JsonSerializer.Serialize(figures, ReportJson.Options));
            if (json is not null)
            {
                await File.WriteAllTextAsync(json.FullName, JsonSerializer.Serialize(figures, ReportJson.Options), cancellationToken);
            }

            return figures.OrleansFailures + figures.HttpFailures + raw.Errors + rawAfter.Errors == 0 ? ExitCodes.Ok : ExitCodes.LoadErrors;
        }
        finally
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync(CancellationToken.None);
            }

            File.Delete(keyFile);
        }
    }

    private static async Task<LoadResult> MeasureAsync(string title, LoadPlan plan, IReadOnlyList<IDeviceLink> links, SharedSessions? sessions, bool enrol, CancellationToken cancellationToken)
    {
        var runner = new LoadRunner(plan, links, sessions);
        var progress = new LoadProgress(runner.Tally);
        if (enrol)
        {
            Console.WriteLine($"{title}: enrolling {plan.Agents:N0} agents...");
            await runner.EnrolAllAsync(new Progress<(long Done, long Total)>(p => progress.Enrolling(p.Done, p.Total)), cancellationToken);
            progress.Finish();
        }

        Console.WriteLine($"{title}: {WarmUp.TotalSeconds:0} s warm-up, then {plan.Duration.TotalSeconds:0.#} s measured, back to back over {links.Count} connection(s)...");
        await runner.RunAsync("warm-up", "", null, cancellationToken, WarmUp);
        var result = await runner.RunAsync(links[0].Peer, links[0].Peer, progress, cancellationToken);
        progress.Finish();
        Console.WriteLine($"  {result.AcceptedPerSecond:N0}/s  p50 {result.Latency.P50Ms:0.00} ms  p99 {result.Latency.P99Ms:0.00} ms  errors {result.Errors:N0}  refused {result.Rejected:N0}");
        return result;
    }

    private static Process StartSilo(int gatewayPort, int siloPort, int httpPort, string clusterId, string keyFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(GatewayBenchmark).Assembly.Location, "bench", "gateway-silo", "--gateway-port", $"{gatewayPort}", "--silo-port", $"{siloPort}", "--http-port", $"{httpPort}", "--cluster-id", clusterId, "--jwt-key-file", keyFile })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the silo process did not start");
        // Drained so a chatty silo never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine($"  silo: {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private sealed record GatewayFigures(
        int Agents,
        int Connections,
        int InFlightPerConnection,
        double SecondsMeasured,
        int Cores,
        bool Inference,
        double RawCallsPerSecond,
        LatencySummary RawLatency,
        double RawCallsPerSecondAfter,
        LatencySummary RawLatencyAfter,
        double OrleansReportsPerSecond,
        LatencySummary OrleansLatency,
        double OrleansRatio,
        long OrleansFailures,
        IReadOnlyDictionary<string, long> OrleansErrorsByKind,
        double HttpReportsPerSecond,
        LatencySummary HttpLatency,
        double HttpRatio,
        long HttpFailures,
        IReadOnlyDictionary<string, long> HttpErrorsByKind);
}

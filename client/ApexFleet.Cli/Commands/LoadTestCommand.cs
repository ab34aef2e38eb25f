using System.CommandLine;
using System.Text.Json;
using ApexFleet.Agent.Link;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.LoadTest;
using ApexFleet.LoadTest.Agents;
using ApexFleet.LoadTest.Campaigns;
using ApexFleet.LoadTest.Targets;

namespace ApexFleet.Cli.Commands;

/// <summary>`apexfleet loadtest`: virtual agents against a running cluster on this machine.</summary>
public static class LoadTestCommand
{
    public static Command Create()
    {
        var agents = new Option<int?>("--agents", "-n") { Description = $"Virtual agents (1 to {LoadLimits.MaxAgents:N0}); required." }.Within(1, LoadLimits.MaxAgents);
        var duration = new Option<string?>("--duration", "-d") { Description = $"How long to send reports after enrolling, e.g. 30s, 5m (at most {LoadLimits.MaxDuration.TotalMinutes:0}m); required." };
        var gateway = new Option<string?>("--gateway") { Description = $"Orleans gateway HOST:PORT, a loopback address (default 127.0.0.1:{LoopbackTarget.DefaultGatewayPort})." };
        var url = new Option<string?>("--url") { Description = $"The silo's HTTP address for --transport http, a loopback address (default http://127.0.0.1:{LoopbackTarget.DefaultHttpPort})." };
        var transport = new Option<string>("--transport") { Description = "orleans (cluster clients) or http (the device endpoint /api/devices/{id}/...).", DefaultValueFactory = _ => "orleans" };
        transport.AcceptOnlyFromAmong("orleans", "http");
        var connections = new Option<int>("--connections", "-k") { Description = $"Client connections the agents share (1 to {LoadLimits.MaxConnections}).", DefaultValueFactory = _ => 4 }.Within(1, LoadLimits.MaxConnections);
        var interval = new Option<string>("--interval") { Description = "How often each agent reports, e.g. 1s, 200ms; 0 sends back to back (as fast as answers come).", DefaultValueFactory = _ => "1s" };
        var inFlight = new Option<int>("--in-flight") { Description = "Reports waiting for an answer per connection at most.", DefaultValueFactory = _ => 256 }.Within(1, LoadLimits.MaxInFlight);
        var clusterId = ClientOptions.ClusterId();
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures (totals, errors by kind, every interval) as JSON to this file." };
        var noInference = new Option<bool>("--no-inference") { Description = "Skip the ONNX inference each report otherwise carries the latency of." };
        var campaign = new Option<FileInfo?>("--campaign") { Description = "Run a campaign file (kind: LoadCampaign: target, agent mix, phases, a rollout) instead of --agents/--duration." };
        var reportHtml = new Option<FileInfo?>("--report-html") { Description = "With --campaign: write throughput and latency over time, with the phases and the rollout's decisions on the same axis, as an HTML page." };
        var token = TokenCommand.Option();
        token.Description = $"With --transport http: an admin token, to issue each virtual agent its device credential (or {TokenCommand.Variable}).";
        var prefix = new Option<string?>("--device-prefix") { Description = "Device ids are this and a six-digit number (default: lt and the start time, so two runs never share a device)." };
        var command = new Command("loadtest", "Run virtual device agents against a running cluster on this machine (loopback only) and report throughput, round-trip percentiles (p50/p95/p99/max) and errors by kind. Exit code 0 when every report was accepted, 1 when any was refused or failed.")
        {
            agents, duration, gateway, url, transport, connections, interval, inFlight, clusterId, token, json, noInference, prefix, campaign, reportHtml,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var devicePrefix = parse.GetValue(prefix) ?? $"lt{DateTime.UtcNow:MMddHHmmss}-";
                if (parse.GetValue(campaign) is { } file)
                {
                    return parse.GetValue(agents) is not null || parse.GetValue(duration) is not null
                        ? throw new TargetException("--campaign takes its agents and duration from its phases; leave out --agents and --duration")
                        : await LoadCampaignRun.RunAsync(file, parse.GetValue(reportHtml), parse.GetValue(json), parse.GetValue(inFlight), devicePrefix, parse.GetValue(token), cancellationToken);
                }

                if (parse.GetValue(reportHtml) is not null)
                {
                    throw new TargetException("--report-html draws a campaign; use it with --campaign");
                }

                var options = new LoadOptions(
                    parse.GetValue(agents) ?? throw new TargetException("--agents is required (how many virtual agents)"),
                    Duration(parse.GetValue(duration) ?? throw new TargetException("--duration is required (e.g. 30s)"), "--duration"),
                    Duration(parse.GetValue(interval)!, "--interval"),
                    parse.GetValue(transport)!,
                    parse.GetValue(gateway),
                    parse.GetValue(url),
                    parse.GetValue(connections),
                    parse.GetValue(inFlight),
                    parse.GetValue(clusterId)!,
                    !parse.GetValue(noInference),
                    devicePrefix,
                    parse.GetValue(token));
                return await RunAsync(options, parse.GetValue(json), cancellationToken);
            }
            catch (TargetException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (CampaignException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.BadInput;
            }
            catch (ClusterUnavailableException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Unavailable;
            }
            catch (DeviceLinkDownException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}; is `./apexfleet silo` running?");
                return ExitCodes.Unavailable;
            }
        });
        return command;
    }

    private static TimeSpan Duration(string text, string option) =>
        text == "0" ? TimeSpan.Zero
        : DurationText.TryParse(text, out var value) ? value
        : throw new TargetException($"{option} must be a duration such as 500ms, 30s, 5m (got '{text}')");

    private static async Task<int> RunAsync(LoadOptions options, FileInfo? json, CancellationToken cancellationToken)
    {
        var plan = new LoadPlan(options.Agents, options.Duration, options.Interval, options.InFlight, AgentMix.Default, options.DevicePrefix, "digits", "1.0.0");
        if (plan.Problem() is { } problem)
        {
            throw new TargetException(problem);
        }

        await using var link = await LoadLink.OpenAsync(options, plan, cancellationToken);
        using var sessions = options.Inference ? SharedSessions.Load() : null;
        var runner = new LoadRunner(plan, link.Connections, sessions);
        var printer = new LoadProgress(runner.Tally);
        Console.WriteLine($"Enrolling {plan.Agents:N0} virtual agents over {link.Connections.Count} {options.Transport} connection(s) to {link.Target}...");
        await runner.EnrolAllAsync(new Progress<(long Done, long Total)>(p => printer.Enrolling(p.Done, p.Total)), cancellationToken);
        Console.WriteLine($"Sending reports for {DurationText.Format(plan.Duration)}...");
        var result = await runner.RunAsync(options.Transport, link.Target, printer, cancellationToken);
        printer.Finish();
        LoadTables.Summary(result);
        if (json is not null)
        {
            await File.WriteAllTextAsync(json.FullName, JsonSerializer.Serialize(result, ReportJson.Options), cancellationToken);
        }

        return result.Clean ? ExitCodes.Ok : ExitCodes.LoadErrors;
    }
}

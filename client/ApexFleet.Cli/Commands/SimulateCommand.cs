using System.CommandLine;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;
using ApexFleet.Silo.Database;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Cli.Commands;

public static class SimulateCommand
{
    public static Command Create()
    {
        var scenario = new Option<FileInfo?>("--scenario", "-s")
        {
            Description = "Scenario file (YAML, kind: Scenario). Default: the built-in examples/default.yaml.",
        };
        var seed = new Option<ulong?>("--seed")
        {
            Description = "Random seed; overrides the scenario's. The same scenario and seed give the same decisions.",
        }.Within(ulong.MinValue, ulong.MaxValue);
        var devices = new Option<int?>("--devices", "-n")
        {
            Description = "Number of virtual phones (1 to 10,000,000); overrides the scenario's fleet.devices.",
        }.Within(1, 10_000_000);
        var reportJson = new Option<FileInfo?>("--report-json")
        {
            Description = "Also write the full result (stages, gates, cohorts, audit log, timeline) as JSON to this file.",
        };
        var reportHtml = new Option<FileInfo?>("--report-html")
        {
            Description = "Also write a self-contained HTML page with charts (exposure over time, every gate against its threshold, cohorts, decisions).",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress lines; only the summary.",
        };
        var connection = ClientOptions.Connection();
        connection.Description = "Run as a simulator silo that joins the durable cluster in this PostgreSQL (see `silo --clustering AdoNet`) instead of an embedded in-memory silo. Device and deployment ids get a per-run prefix.";
        var clusterId = ClientOptions.ClusterId();
        var costModel = CostModelOption.Create();

        var command = new Command("simulate", "Run a staged rollout on a simulated fleet, on an embedded Orleans silo with in-memory storage, and print what happened. Exit code 0: completed; 1: rolled back or aborted; 2: bad input; 3: ran out of simulated time; with --connection, 4: the database could not be reached, 5: lost the cluster during the run (the cluster then judges the rollout itself).")
        {
            scenario, seed, devices, reportJson, reportHtml, quiet, connection, clusterId, costModel,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(scenario),
            parse.GetValue(seed),
            parse.GetValue(devices),
            parse.GetValue(reportJson),
            parse.GetValue(reportHtml),
            parse.GetValue(quiet),
            parse.GetValue(connection),
            parse.GetValue(clusterId)!,
            parse.GetValue(costModel),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo? file, ulong? seed, int? devices, FileInfo? reportJson, FileInfo? reportHtml, bool quiet, string? connection, string clusterId, FileInfo? costModel, CancellationToken cancellationToken)
    {
        var prices = CostModelOption.Read(costModel, out var badCostModel);
        if (badCostModel)
        {
            return ExitCodes.BadInput;
        }

        Scenario scenario;
        try
        {
            scenario = file is null ? ScenarioReader.Default() : ScenarioReader.Load(file.FullName);
        }
        catch (ManifestException ex)
        {
            return ManifestErrors.Report(ex, "scenario");
        }

        if (seed is { } s)
        {
            scenario = scenario.WithSeed(s);
        }

        if (devices is { } n)
        {
            scenario = scenario.WithDevices(n);
        }

        Console.WriteLine($"Simulating '{scenario.Name}' ({scenario.Source}): {scenario.Fleet.Devices:N0} devices, " +
            $"{scenario.Deployment.Target} replacing {scenario.Deployment.PreviousVersion}, seed {scenario.Simulation.Seed}, " +
            $"up to {DurationText.Format(scenario.Simulation.Duration)} simulated in {DurationText.Format(scenario.Simulation.Tick)} ticks");
        if (connection is not null && await FleetDatabase.ProblemAsync(connection, cancellationToken) is { } problem)
        {
            Console.Error.WriteLine($"error: {problem}");
            return ExitCodes.Unavailable;
        }

        var prefix = connection is null ? "" : $"sim-{DateTime.UtcNow:yyyyMMddHHmmss}-";
        Console.WriteLine(connection is null
            ? "Starting an embedded silo (localhost clustering, in-memory storage)..."
            : $"Joining cluster '{clusterId}' in {FleetDatabase.Describe(connection)} as a simulator silo; ids start with '{prefix}'...");

        await using var fleet = connection is null
            ? await EmbeddedFleet.StartAsync(cancellationToken, prices)
            : await EmbeddedFleet.JoinAsync(connection, clusterId, cancellationToken);
        // Alone, the run publishes its artifacts and its phones verify their signatures; in a cluster,
        // the phones do not know the cluster's keys and check digests only.
        using var runKey = new RunKey();
        var runner = connection is null
            ? new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync) { Publisher = runKey.Signer, TrustedKeys = runKey.Trusted }
            : new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync, runPrefix: prefix);
        var progress = quiet ? null : new ProgressPrinter();
        SimulationResult result;
        try
        {
            result = await runner.RunAsync(scenario, progress, cancellationToken);
        }
        catch (Exception ex) when (connection is not null && ClusterLoss.Find(ex) is { } loss)
        {
            progress?.Finish();
            Console.Error.WriteLine($"error: {ClusterLoss.Describe(loss, clusterId, prefix + scenario.Deployment.Name)}");
            return ExitCodes.ClusterLost;
        }

        progress?.Finish();

        SimulationSummary.Print(result);
        if (reportJson is not null)
        {
            await File.WriteAllTextAsync(reportJson.FullName, JsonSerializer.Serialize(result, FleetJson.Options), cancellationToken);
            Console.WriteLine($"Report written to {reportJson.FullName}");
        }

        if (reportHtml is not null)
        {
            await File.WriteAllTextAsync(reportHtml.FullName, HtmlReport.Render(result), cancellationToken);
            Console.WriteLine($"HTML report written to {reportHtml.FullName}");
        }

        return result.Final.Phase switch
        {
            // Reaching everyone is the success; the monitoring window may outlast the simulated time.
            RolloutPhase.Completed or RolloutPhase.Monitoring => ExitCodes.Ok,
            RolloutPhase.RolledBack or RolloutPhase.Aborted => ExitCodes.RolloutFailed,
            _ => ExitCodes.Unfinished,
        };
    }
}

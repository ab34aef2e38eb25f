using System.CommandLine;
using System.Text.Json;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
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
        };
        var devices = new Option<int?>("--devices", "-n")
        {
            Description = "Number of virtual phones; overrides the scenario's fleet.devices.",
        };
        devices.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 10_000_000)
            {
                r.AddError("--devices must be between 1 and 10000000");
            }
        });
        var reportJson = new Option<FileInfo?>("--report-json")
        {
            Description = "Also write the full result (stages, gates, cohorts, audit log, timeline) as JSON to this file.",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "No progress lines; only the summary.",
        };

        var command = new Command("simulate", "Run a staged rollout on a simulated fleet, on an embedded Orleans silo with in-memory storage, and print what happened. Exit code 0: completed; 1: rolled back or aborted; 2: bad input; 3: ran out of simulated time.")
        {
            scenario, seed, devices, reportJson, quiet,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(scenario), parse.GetValue(seed), parse.GetValue(devices), parse.GetValue(reportJson), parse.GetValue(quiet), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? file, ulong? seed, int? devices, FileInfo? reportJson, bool quiet, CancellationToken cancellationToken)
    {
        Scenario scenario;
        try
        {
            scenario = file is null ? ScenarioReader.Default() : ScenarioReader.Load(file.FullName);
        }
        catch (ManifestException ex)
        {
            Console.Error.WriteLine($"error: the scenario has {ex.Errors.Count} problem(s):");
            foreach (var error in ex.Errors)
            {
                Console.Error.WriteLine($"  {error}");
            }

            return ExitCodes.BadInput;
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
        Console.WriteLine("Starting an embedded silo (localhost clustering, in-memory storage)...");

        await using var fleet = await EmbeddedFleet.StartAsync(cancellationToken);
        var runner = new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync);
        var progress = quiet ? null : new ProgressPrinter();
        var result = await runner.RunAsync(scenario, progress, cancellationToken);
        progress?.Finish();

        SimulationSummary.Print(result);
        if (reportJson is not null)
        {
            await File.WriteAllTextAsync(reportJson.FullName, JsonSerializer.Serialize(result, ReportJson.Options), cancellationToken);
            Console.WriteLine($"Report written to {reportJson.FullName}");
        }

        return result.Final.Phase switch
        {
            "Completed" => ExitCodes.Ok,
            "RolledBack" or "Aborted" => ExitCodes.RolloutFailed,
            _ => ExitCodes.Unfinished,
        };
    }
}

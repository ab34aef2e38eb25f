using System.CommandLine;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// Runs rollout strategies (deployment manifests) on the same simulated worlds (scenario × seed) and
/// tabulates how fast each reaches everyone, how much harm it lets through and how often it cries wolf.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var scenario = new Option<FileInfo>("--scenario", "-s") { Description = "Scenario file (YAML, kind: Scenario): the fleet, the clock and the faults.", Required = true };
        var manifests = new Option<FileInfo[]>("--manifest", "-m") { Description = "A deployment manifest (kind: Deployment) to run in place of the scenario's; repeat to compare. None: the scenario's own deployment, for its decision-quality figures.", AllowMultipleArgumentsPerToken = false };
        var seeds = new Option<string>("--seeds") { Description = "Simulated worlds to run each strategy in: 1..50, 3,7,9 or 42.", DefaultValueFactory = _ => "1..10" };
        var devices = new Option<int?>("--devices", "-n") { Description = "Number of virtual phones; overrides the scenario's fleet.devices." }.Within(1, 10_000_000);
        var parallel = new Option<int>("--parallel") { Description = "Runs at once, each on its own embedded silo (memory grows with it).", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) }.Within(1, 64);
        var json = new Option<bool>("--json") { Description = "Print the summaries and every run as JSON instead of tables." };
        var reportHtml = new Option<FileInfo?>("--report-html") { Description = "Also write the comparison as a self-contained HTML page." };
        var command = new Command("compare", "Run rollout strategies on the same simulated worlds and compare time to 100 %, exposure to a faulty version, false rollbacks and missed faults.")
        {
            scenario, manifests, seeds, devices, parallel, json, reportHtml,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(scenario)!, parse.GetValue(manifests) ?? [], parse.GetValue(seeds)!, parse.GetValue(devices), parse.GetValue(parallel), parse.GetValue(json), parse.GetValue(reportHtml), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo file, FileInfo[] manifests, string seedText, int? devices, int parallel, bool json, FileInfo? reportHtml, CancellationToken cancellationToken)
    {
        Scenario world;
        List<(string Name, Scenario Scenario)> strategies;
        IReadOnlyList<ulong> seeds;
        try
        {
            world = ScenarioReader.Load(file.FullName);
            world = devices is { } n ? world.WithDevices(n) : world;
            strategies = manifests.Length == 0
                ? [(world.Deployment.Name, world)]
                : [.. manifests.Select(m => (Path.GetFileNameWithoutExtension(m.Name), WithManifest(world, m)))];
            seeds = StrategySummary.ParseSeeds(seedText);
        }
        catch (ManifestException ex)
        {
            return ManifestErrors.Report(ex, "scenario or manifest");
        }
        catch (FormatException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var jobs = strategies.SelectMany(s => seeds.Select(seed => (s.Name, Scenario: s.Scenario.WithSeed(seed)))).ToList();
        var outcomes = new RunOutcome[jobs.Count];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (i, token) =>
        {
            // Each run gets its own silo: runs share nothing, so they may overlap and stay deterministic.
            await using var fleet = await EmbeddedFleet.StartAsync(token);
            using var runKey = new RunKey();
            var runner = new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync) { Publisher = runKey.Signer, TrustedKeys = runKey.Trusted };
            var result = await runner.RunAsync(jobs[i].Scenario, cancellationToken: token);
            outcomes[i] = RunOutcome.Of(jobs[i].Name, jobs[i].Scenario, result);
            if (!json)
            {
                Console.Error.WriteLine($"[{Interlocked.Increment(ref done)}/{jobs.Count}] {jobs[i].Name} seed {jobs[i].Scenario.Simulation.Seed}: {outcomes[i].Final}");
            }
        });

        var summaries = strategies.Select(s => StrategySummary.Of(s.Name, [.. outcomes.Where(o => o.Strategy == s.Name)])).ToList();
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { scenario = world.Name, devices = world.Fleet.Devices, seeds, summaries, runs = outcomes }, FleetJson.Options));
        }
        else
        {
            ComparisonTable.Print(world, seeds, summaries);
        }

        if (reportHtml is not null)
        {
            await File.WriteAllTextAsync(reportHtml.FullName, ComparisonTable.Html(world, seeds, summaries), cancellationToken);
            Console.Error.WriteLine($"HTML report written to {reportHtml.FullName}");
        }

        return ExitCodes.Ok;
    }

    /// <summary>The scenario's world with another deployment manifest in place of its own.</summary>
    private static Scenario WithManifest(Scenario world, FileInfo manifest)
    {
        var yaml = File.ReadAllText(manifest.FullName);
        return world with { Deployment = DeploymentManifest.Parse(manifest.FullName, yaml, world.DeploymentSizing), DeploymentManifestYaml = yaml };
    }
}

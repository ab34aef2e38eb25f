using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ApexFleet.Abstractions.Diagnostics;
using ApexFleet.Cli.Output;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Cli.Commands;

public static class BenchCommand
{
    private const int BaselineGrains = 10_000;
    private static readonly TimeSpan BaselineWarmUp = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks, reported as ratios against raw Orleans calls measured in the same process.");
        var devices = new Option<int>("--devices", "-n") { Description = "Virtual phones in the rollout.", DefaultValueFactory = _ => 100_000 };
        var scenario = new Option<FileInfo?>("--scenario", "-s") { Description = "Scenario to roll out. Default: the built-in examples/default.yaml." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };
        // Ten seconds: long enough that one GC or a busy neighbour moves the rate by a few percent, not tens.
        var baselineSeconds = new Option<double>("--baseline-seconds") { Description = "How long each raw-call baseline is measured, after 3 s of warm-up.", DefaultValueFactory = _ => 10 };
        baselineSeconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 600))
            {
                r.AddError("--baseline-seconds must be more than 0 and at most 600");
            }
        });
        var fleet = new Command("fleet", "Roll a model out over a simulated fleet on an embedded silo and report device activations/s, end-to-end telemetry reports/s, the raw no-op grain-call rate (before enrolment, and again with the fleet resident), the ratios of the two, memory per device and GC pauses.")
        {
            devices, scenario, json, baselineSeconds,
        };
        fleet.SetAction((parse, token) => RunFleetAsync(
            parse.GetValue(devices), parse.GetValue(scenario), parse.GetValue(json), TimeSpan.FromSeconds(parse.GetValue(baselineSeconds)), token));
        command.Subcommands.Add(fleet);
        command.Subcommands.Add(ParetoBenchmark.Create());
        return command;
    }

    private static async Task<int> RunFleetAsync(int devices, FileInfo? scenarioFile, FileInfo? jsonFile, TimeSpan baselineMeasured, CancellationToken cancellationToken)
    {
        var scenario = (scenarioFile is null ? ScenarioReader.Default() : ScenarioReader.Load(scenarioFile.FullName)).WithDevices(devices);
        await using var fleet = await EmbeddedFleet.StartAsync(cancellationToken);

        Console.WriteLine($"Baseline: request/response calls to {BaselineGrains:N0} no-op grains for {baselineMeasured.TotalSeconds:0.#} s, after {BaselineWarmUp.TotalSeconds:N0} s of warm-up...");
        var baselineGc = GcWatch.Start();
        var raw = await MeasureRawCallsAsync(fleet.Grains, baselineMeasured);
        var baselineGcFigures = baselineGc.Stop();
        Console.WriteLine($"  {raw:N0} calls/s");

        using var writes = new StateWriteCounter();
        var before = Memory();
        Console.WriteLine($"Rolling '{scenario.Deployment.Name}' out to {devices:N0} virtual phones...");
        var progress = new ProgressPrinter();
        var fleetGc = GcWatch.Start();
        var result = await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario, progress, cancellationToken);
        var fleetGcFigures = fleetGc.Stop();
        progress.Finish();
        var after = Memory();

        Console.WriteLine($"Baseline again, with the {devices:N0} device grains still resident...");
        var loadedGc = GcWatch.Start();
        var rawLoaded = await MeasureRawCallsAsync(fleet.Grains, baselineMeasured);
        var loadedGcFigures = loadedGc.Stop();
        Console.WriteLine($"  {rawLoaded:N0} calls/s");

        var figures = new FleetBenchmark(
            devices,
            devices / result.Timings.Enrollment.TotalSeconds,
            result.Timings.ReportsPerSecond,
            raw,
            result.Timings.ReportsPerSecond / raw,
            (double)(after.Rss - before.Rss) / devices,
            (double)(after.RssWithGcHeadroom - before.RssWithGcHeadroom) / devices,
            (double)(after.Managed - before.Managed) / devices,
            result.Completed,
            result.ReportsSent,
            result.TicksRun,
            Environment.ProcessorCount,
            result.Final.Phase,
            writes.Total,
            (double)writes.Total / result.ReportsSent,
            baselineGcFigures,
            fleetGcFigures,
            rawLoaded,
            result.Timings.ReportsPerSecond / rawLoaded,
            loadedGcFigures);
        Console.WriteLine(JsonSerializer.Serialize(figures, ReportJson.Options));
        if (jsonFile is not null)
        {
            await File.WriteAllTextAsync(jsonFile.FullName, JsonSerializer.Serialize(figures, ReportJson.Options), cancellationToken);
        }

        return result.Completed ? ExitCodes.Ok : ExitCodes.RolloutFailed;
    }

    private static async Task<double> MeasureRawCallsAsync(IGrainFactory grains, TimeSpan measured)
    {
        var window = new CallWindow<int>(SimulationRunner.Batch);
        var baseline = ResolvedGrainType<IBaselineGrain>.ForIntegerKeys(grains);
        async Task RoundAsync()
        {
            for (var grain = 0; grain < BaselineGrains; grain++)
            {
                if (window.IsFull)
                {
                    await window.TakeOldestAsync();
                }

                window.Add(grain, baseline.Get(grain).Echo(grain));
            }

            while (window.Count > 0)
            {
                await window.TakeOldestAsync();
            }
        }

        // Warm up long enough for the JIT to finish tiering up Orleans' call path: measured cold,
        // raw calls look several times slower than the fleet's own (by then hot) calls.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < BaselineWarmUp)
        {
            await RoundAsync();
        }

        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < measured)
        {
            await RoundAsync();
            rounds++;
        }

        return BaselineGrains * (double)rounds / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Live managed bytes and resident memory after a full compacting GC. RSS is read twice: with
    /// the free space the GC keeps committed for future allocations (its size is GC policy and
    /// moves by several hundred bytes per device between identical runs), and after an aggressive
    /// collection has handed that space back, which leaves what the fleet itself occupies.
    /// </summary>
    private static MemoryReading Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var withHeadroom = process.WorkingSet64;
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        process.Refresh();
        return new MemoryReading(managed, process.WorkingSet64, withHeadroom);
    }

    private readonly record struct MemoryReading(long Managed, long Rss, long RssWithGcHeadroom);

    private sealed record FleetBenchmark(
        int Devices,
        double ActivationsPerSecond,
        double TelemetryPerSecond,
        double RawCallsPerSecond,
        double Ratio,
        double RssBytesPerDevice,
        double RssWithGcHeadroomBytesPerDevice,
        double ManagedBytesPerDevice,
        bool Completed,
        long Reports,
        int Ticks,
        int Cores,
        string FinalPhase,
        long StateWrites,
        double StateWritesPerReport,
        GcFigures BaselineGc,
        GcFigures FleetGc,
        double RawCallsPerSecondWithFleetResident,
        double RatioWithFleetResident,
        GcFigures BaselineWithFleetResidentGc);
}

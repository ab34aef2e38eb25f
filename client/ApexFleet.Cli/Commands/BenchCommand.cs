using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ApexFleet.Abstractions.Diagnostics;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Cli.Commands;

public static class BenchCommand
{
    private const int BaselineGrains = 10_000;
    private static readonly TimeSpan BaselineWarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BaselineProgressInterval = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks, reported as ratios against raw Orleans calls measured in the same process.");
        var devices = new Option<int>("--devices", "-n") { Description = "Virtual phones in the rollout.", DefaultValueFactory = _ => 100_000 };
        devices.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--devices must be between 1 and 10000000");
            }
        });
        var scenario = new Option<FileInfo?>("--scenario", "-s") { Description = "Scenario to roll out. Default: the built-in examples/default.yaml." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };
        // Ten seconds: long enough to average over hundreds of young collections.
        var baselineSeconds = new Option<double>("--baseline-seconds") { Description = "How long each raw-call baseline is measured at least, after 3 s of warm-up (the at-scale one also makes as many calls as the fleet made reports).", DefaultValueFactory = _ => 10 };
        baselineSeconds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 600))
            {
                r.AddError("--baseline-seconds must be more than 0 and at most 600");
            }
        });
        var fleet = new Command("fleet", "Roll a model out over a simulated fleet on an embedded silo and report device activations/s, end-to-end telemetry reports/s, the raw no-op grain-call rate (as many grains as phones on a fresh silo, called as often as the phones reported; and 10,000 hot grains before enrolment and with the fleet resident), the ratios, memory per device and GC pauses.")
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
        Scenario scenario;
        try
        {
            scenario = (scenarioFile is null ? ScenarioReader.Default() : ScenarioReader.Load(scenarioFile.FullName)).WithDevices(devices);
        }
        catch (ManifestException ex)
        {
            return ManifestErrors.Report(ex, "scenario");
        }

        var fleet = await EmbeddedFleet.StartAsync(cancellationToken);
        Baseline hot, resident;
        SimulationResult result;
        MemoryReading before, after;
        GcFigures fleetGc;
        long writesTotal;
        try
        {
            hot = await MeasureRawCallsAsync(fleet.Grains, BaselineGrains, baselineMeasured, 0, $"Hot baseline: request/response calls to {BaselineGrains:N0} no-op grains");

            using var writes = new StateWriteCounter();
            before = Memory();
            Console.WriteLine($"Rolling '{scenario.Deployment.Name}' out to {devices:N0} virtual phones...");
            var progress = new ProgressPrinter();
            var gc = GcWatch.Start();
            result = await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario, progress, cancellationToken);
            fleetGc = gc.Stop();
            progress.Finish();
            after = Memory();
            writesTotal = writes.Total;

            resident = await MeasureRawCallsAsync(fleet.Grains, BaselineGrains, baselineMeasured, 0, $"Hot baseline again, with the {devices:N0} device grains still resident");
        }
        finally
        {
            await fleet.DisposeAsync();
        }

        // The like-for-like comparison: as many no-op grains as the fleet has phones, on a fresh
        // silo, each called as often as a phone reported, so addressing, activation housekeeping and
        // GC see as many activations and as many calls as the fleet did. Ten seconds over a million
        // grains is three rounds, and whether a full GC falls into them moved the rate by a third.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Baseline atScale;
        await using (var fresh = await EmbeddedFleet.StartAsync(cancellationToken))
        {
            atScale = await MeasureRawCallsAsync(
                fresh.Grains, devices, baselineMeasured, result.TicksRun, $"Baseline: request/response calls to {devices:N0} no-op grains on a fresh silo, {result.TicksRun} each");
        }

        var telemetry = result.Timings.ReportsPerSecond;
        var figures = new FleetBenchmark(
            devices,
            devices / result.Timings.Enrollment.TotalSeconds,
            telemetry,
            atScale.CallsPerSecond,
            telemetry / atScale.CallsPerSecond,
            (double)(after.Rss - before.Rss) / devices,
            (double)(after.RssWithGcHeadroom - before.RssWithGcHeadroom) / devices,
            (double)(after.Managed - before.Managed) / devices,
            result.Completed,
            result.ReportsSent,
            result.TicksRun,
            Environment.ProcessorCount,
            result.Final.Phase,
            writesTotal,
            (double)writesTotal / result.ReportsSent,
            (double)fleetGc.AllocatedBytes / result.ReportsSent,
            atScale.Gc,
            fleetGc,
            hot.CallsPerSecond,
            telemetry / hot.CallsPerSecond,
            hot.Gc,
            resident.CallsPerSecond,
            telemetry / resident.CallsPerSecond,
            resident.Gc);
        Console.WriteLine(JsonSerializer.Serialize(figures, ReportJson.Options));
        if (jsonFile is not null)
        {
            await File.WriteAllTextAsync(jsonFile.FullName, JsonSerializer.Serialize(figures, ReportJson.Options), cancellationToken);
        }

        return result.Completed ? ExitCodes.Ok : ExitCodes.RolloutFailed;
    }

    /// <summary>
    /// Request/response calls to <paramref name="grainCount"/> no-op grains in turn, 4,096 in flight
    /// like the simulator's reports, after at least one full round (which activates them all) and
    /// enough warm-up for the JIT to finish tiering up Orleans' call path: measured cold, raw calls
    /// look several times slower than the fleet's own, by then hot, calls. Measured for at least
    /// <paramref name="measured"/> and <paramref name="minimumRounds"/> rounds.
    /// </summary>
    private static async Task<Baseline> MeasureRawCallsAsync(IGrainFactory grains, int grainCount, TimeSpan measured, int minimumRounds, string title)
    {
        Console.WriteLine($"{title}, for at least {measured.TotalSeconds:0.#} s after {BaselineWarmUp.TotalSeconds:N0} s of warm-up...");
        var window = new CallWindow<int>(SimulationRunner.Batch);
        var baseline = ResolvedGrainType<IBaselineGrain>.ForIntegerKeys(grains);
        async Task RoundAsync()
        {
            for (var grain = 0; grain < grainCount; grain++)
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

        var warmUp = Stopwatch.StartNew();
        do
        {
            await RoundAsync();
        }
        while (warmUp.Elapsed < BaselineWarmUp);

        var gc = GcWatch.Start();
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        var lastLine = TimeSpan.Zero;
        while (clock.Elapsed < measured || rounds < minimumRounds)
        {
            await RoundAsync();
            rounds++;
            if (clock.Elapsed - lastLine >= BaselineProgressInterval)
            {
                lastLine = clock.Elapsed;
                Console.WriteLine($"  round {rounds}{(minimumRounds > 0 ? $"/{minimumRounds}" : "")}  {grainCount * (double)rounds / clock.Elapsed.TotalSeconds:N0} calls/s so far  {clock.Elapsed.TotalSeconds:0.0}s");
            }
        }

        var callsPerSecond = grainCount * (double)rounds / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {callsPerSecond:N0} calls/s");
        return new Baseline(callsPerSecond, gc.Stop());
    }

    private readonly record struct Baseline(double CallsPerSecond, GcFigures Gc);

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
        double AllocatedBytesPerReport,
        GcFigures BaselineGc,
        GcFigures FleetGc,
        double RawCallsPerSecondHot,
        double RatioHot,
        GcFigures BaselineHotGc,
        double RawCallsPerSecondWithFleetResident,
        double RatioWithFleetResident,
        GcFigures BaselineWithFleetResidentGc);
}

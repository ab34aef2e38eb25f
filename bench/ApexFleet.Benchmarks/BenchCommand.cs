using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Cli.Output;
using ApexFleet.Domain.Manifests;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Benchmarks;

public static class BenchCommand
{
    private const int HotGrains = 10_000;

    /// <summary>Keys of the at-scale baseline's grains start here, clear of the hot set's.</summary>
    private const long AtScaleFirstKey = 1L << 40;

    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks, reported as ratios against raw Orleans calls measured in the same process.");
        var devices = new Option<int>("--devices", "-n") { Description = "Virtual phones in the rollout.", DefaultValueFactory = _ => 100_000 }.Within(1, 10_000_000);
        var scenario = new Option<FileInfo?>("--scenario", "-s") { Description = "Scenario to roll out. Default: the built-in examples/default.yaml." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };
        // Ten seconds: long enough to average over hundreds of young collections.
        var baselineSeconds = new Option<double>("--baseline-seconds") { Description = "How long each hot 10,000-grain baseline is measured, after 3 s of warm-up. The main baseline needs no duration: it is one round of calls per tick.", DefaultValueFactory = _ => 10 }.Within(0.1, 600.0);
        var writeThrough = new Option<bool>("--write-through") { Description = "Store every accepted report (and every cohort delta) before answering it, as a silo on durable storage does, to measure what that costs; storage stays in memory." };
        var fleet = new Command("fleet", "Roll a model out over a simulated fleet on an embedded silo and report device activations/s, end-to-end telemetry reports/s, the raw no-op grain-call rate (as many grains as phones on the same silo, one round of calls to them after every tick; and 10,000 hot grains before enrolment and with the fleet resident), the ratios, memory per device and GC pauses.")
        {
            devices, scenario, json, baselineSeconds, writeThrough,
        };
        fleet.SetAction((parse, token) => RunFleetAsync(
            parse.GetValue(devices), parse.GetValue(scenario), parse.GetValue(json), TimeSpan.FromSeconds(parse.GetValue(baselineSeconds)), parse.GetValue(writeThrough), token));
        command.Subcommands.Add(fleet);
        command.Subcommands.Add(ParetoBenchmark.Create());
        command.Subcommands.Add(DeltaBenchmark.Create());
        command.Subcommands.Add(Gateway.GatewayBenchmark.Create());
        command.Subcommands.Add(Gateway.GatewaySiloCommand.Create());
        return command;
    }

    private static async Task<int> RunFleetAsync(int devices, FileInfo? scenarioFile, FileInfo? jsonFile, TimeSpan baselineMeasured, bool writeThrough, CancellationToken cancellationToken)
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

        var fleet = await EmbeddedFleet.StartAsync(writeThrough, cancellationToken);
        RawCallBaseline hot, resident, atScale;
        SimulationResult result;
        MemoryReading before, after;
        GcFigures fleetGc;
        long writesTotal;
        try
        {
            async Task<RawCallBaseline> HotAsync(string title)
            {
                Console.WriteLine($"{title}, for {baselineMeasured.TotalSeconds:0.#} s after warm-up...");
                var baseline = RawCallBaseline.Over(fleet.Grains, HotGrains, firstKey: 0);
                await baseline.WarmUpAsync();
                await baseline.MeasureForAsync(baselineMeasured);
                Console.WriteLine($"  {baseline.CallsPerSecond:N0} calls/s");
                return baseline;
            }

            hot = await HotAsync($"Hot baseline: request/response calls to {HotGrains:N0} no-op grains");

            // The like-for-like baseline: as many no-op grains as phones, on the same silo, one round
            // of calls after every tick. Both rates then see the same activations, heap, call count
            // and moments; measured apart, whole-process rates drift between runs independently of
            // each other (docs/PERFORMANCE.md).
            Console.WriteLine($"Activating {devices:N0} no-op grains for the baseline, one round of calls to them after every tick...");
            atScale = RawCallBaseline.Over(fleet.Grains, devices, firstKey: AtScaleFirstKey);
            await atScale.WarmUpAsync();

            using var writes = new StateWriteCounter();
            before = Memory();
            Console.WriteLine($"Rolling '{scenario.Deployment.Name}' out to {devices:N0} virtual phones...");
            var progress = new ProgressPrinter();
            var gc = GcWatch.Start();
            // Signed as `simulate` signs: every install checks a signature (one verification per artifact).
            using var runKey = new RunKey();
            var runner = new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync) { BetweenTicks = atScale.MeasuredRoundAsync, Publisher = runKey.Signer, TrustedKeys = runKey.Trusted };
            result = await runner.RunAsync(scenario, progress, cancellationToken);
            fleetGc = gc.Stop().Minus(atScale.Gc);
            progress.Finish();
            after = Memory();
            writesTotal = writes.Total;
            Console.WriteLine($"Baseline: {atScale.CallsPerSecond:N0} calls/s to {devices:N0} no-op grains, {result.TicksRun} rounds");

            resident = await HotAsync($"Hot baseline again, with the {devices:N0} device grains still resident");
        }
        finally
        {
            await fleet.DisposeAsync();
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
            result.Final.Phase.ToString(),
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
    /// Live managed bytes and resident memory after a full compacting GC. RSS is read twice: with
    /// the free space the GC keeps committed for future allocations (its size is GC policy, so it
    /// moves between identical runs), and after an aggressive collection has handed that space
    /// back, which leaves what the fleet itself occupies.
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

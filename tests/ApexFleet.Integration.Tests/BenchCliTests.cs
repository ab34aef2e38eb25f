using System.Text.Json;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;

namespace ApexFleet.Integration.Tests;

/// <summary>
/// `apexfleet bench fleet` on a small fleet: the JSON figures the simulator issue asks for, consistent
/// with each other; `bench pareto`; and the benchmarks kept out of the product CLI.
/// </summary>
public class BenchCliTests
{
    [Fact]
    public async Task The_benchmarks_are_their_own_program_not_a_command_of_the_product_cli()
    {
        var help = await CliProcess.RunAsync("--help");
        var inCli = await CliProcess.RunAsync("bench", "pareto");
        var benchHelp = await CliProcess.RunBenchAsync("--help");

        Assert.True(help.ExitCode == 0, help.Stdout + help.Stderr);
        Assert.Contains("simulate", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+bench\s", help.Stdout);
        Assert.Equal(2, inCli.ExitCode);
        Assert.True(benchHelp.ExitCode == 0, benchHelp.Stdout + benchHelp.Stderr);
        Assert.Contains("apexfleet bench [command] [options]", benchHelp.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+fleet\s", benchHelp.Stdout);
        Assert.Matches(@"(?m)^\s+pareto\s", benchHelp.Stdout);
    }

    [Fact]
    public async Task Bench_pareto_agrees_with_the_naive_peel_and_writes_its_figures()
    {
        var json = Path.Combine(Path.GetTempPath(), $"apexfleet-bench-pareto-{Guid.NewGuid():N}.json");
        try
        {
            var result = await CliProcess.RunBenchAsync("pareto", "--candidates", "300", "--objectives", "3", "--json", json);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = figures.RootElement;
            Assert.Equal(["candidates", "objectives", "fronts", "sortMilliseconds", "naiveMilliseconds", "speedup"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal(300, root.GetProperty("candidates").GetInt32());
            Assert.Equal(3, root.GetProperty("objectives").GetInt32());
            Assert.True(root.GetProperty("fronts").GetInt32() >= 1);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Bench_fleet_rolls_out_to_every_device_and_writes_consistent_figures()
    {
        var json = Path.Combine(Path.GetTempPath(), $"apexfleet-bench-{Guid.NewGuid():N}.json");
        try
        {
            var result = await CliProcess.RunBenchAsync("fleet", "--devices", "3000", "--baseline-seconds", "0.5", "--json", json);

            Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
            Assert.Contains("calls/s", result.Stdout, StringComparison.Ordinal);
            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json));
            var root = figures.RootElement;
            Assert.Equal(3000, root.GetProperty("devices").GetInt32());
            Assert.True(root.GetProperty("completed").GetBoolean());
            Assert.Equal("Completed", root.GetProperty("finalPhase").GetString());

            // Every device reports once per tick; the ratio is the two rates measured in this run.
            var ticks = root.GetProperty("ticks").GetInt32();
            Assert.Equal(3000L * ticks, root.GetProperty("reports").GetInt64());
            var telemetry = root.GetProperty("telemetryPerSecond").GetDouble();
            var raw = root.GetProperty("rawCallsPerSecond").GetDouble();
            Assert.True(telemetry > 0 && raw > 0, $"telemetry {telemetry}, raw {raw}");
            Assert.Equal(telemetry / raw, root.GetProperty("ratio").GetDouble(), 12);
            foreach (var (rate, ratio) in new[] { ("rawCallsPerSecondHot", "ratioHot"), ("rawCallsPerSecondWithFleetResident", "ratioWithFleetResident") })
            {
                var other = root.GetProperty(rate).GetDouble();
                Assert.True(other > 0, $"{rate} {other}");
                Assert.Equal(telemetry / other, root.GetProperty(ratio).GetDouble(), 12);
            }

            // The like-for-like baseline: as many grains as phones on the same silo, one round per tick.
            Assert.Matches($@"Baseline: [\d,]+ calls/s to 3,000 no-op grains, {ticks} rounds", result.Stdout);
            Assert.Equal(
                (double)root.GetProperty("fleetGc").GetProperty("allocatedBytes").GetInt64() / root.GetProperty("reports").GetInt64(),
                root.GetProperty("allocatedBytesPerReport").GetDouble(),
                12);
            foreach (var phase in new[] { "baselineGc", "fleetGc", "baselineHotGc", "baselineWithFleetResidentGc" })
            {
                var gc = root.GetProperty(phase);
                Assert.True(gc.GetProperty("gen0Collections").GetInt32() >= gc.GetProperty("gen1Collections").GetInt32(), phase);
                Assert.True(gc.GetProperty("gen1Collections").GetInt32() >= gc.GetProperty("gen2Collections").GetInt32(), phase);
                Assert.InRange(gc.GetProperty("pausedShare").GetDouble(), 0, 1);
                Assert.True(gc.GetProperty("allocatedBytes").GetInt64() > 0, phase);
                Assert.True(gc.GetProperty("seconds").GetDouble() > 0, phase);
            }

            Assert.True(root.GetProperty("activationsPerSecond").GetDouble() > 0);
            Assert.Equal(
                (double)root.GetProperty("stateWrites").GetInt64() / root.GetProperty("reports").GetInt64(),
                root.GetProperty("stateWritesPerReport").GetDouble(),
                12);
            foreach (var memory in new[] { "rssBytesPerDevice", "rssWithGcHeadroomBytesPerDevice", "managedBytesPerDevice" })
            {
                Assert.Equal(JsonValueKind.Number, root.GetProperty(memory).ValueKind);
            }
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task A_baseline_without_a_duration_is_refused_before_anything_starts()
    {
        var result = await CliProcess.RunBenchAsync("fleet", "--devices", "10", "--baseline-seconds", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--baseline-seconds must be a number from 0.1 to 600 (got '0')", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("baseline:", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_broken_scenario_is_refused_with_its_problems_and_no_stack_trace()
    {
        var path = await CliProcess.WriteBrokenScenarioAsync();
        try
        {
            var result = await CliProcess.RunBenchAsync("fleet", "--devices", "10", "--scenario", path);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("error: the scenario has 1 problem(s):", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

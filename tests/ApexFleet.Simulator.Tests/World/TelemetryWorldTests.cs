using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;
using ApexFleet.Simulator.Telemetry;

namespace ApexFleet.Simulator.Tests.World;

public class TelemetryWorldTests
{
    private static readonly Scenario Default = ScenarioReader.Default().WithDevices(20_000);
    private static readonly VirtualFleet Fleet = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(12, 4)]
    public void Sessions_are_the_inferences_in_threes_rounded_up(int inferences, int sessions)
    {
        Assert.Equal(sessions, SessionRule.Sessions(inferences));
    }

    [Theory]
    // 4 % with instant answers; 100 ms of waiting keeps 92.9 % [R65]; a fault's factor multiplies.
    [InlineData(4.0, 0.0, 1.0, 0.04)]
    [InlineData(4.0, 100.0, 1.0, 0.03716)]
    [InlineData(4.0, 200.0, 1.0, 0.03452164)]
    [InlineData(4.0, 100.0, 0.5, 0.01858)]
    [InlineData(100.0, 0.0, 1.0, 1.0)]
    public void A_session_converts_with_the_versions_rate_lowered_by_its_wait(double rate, double waitedMs, double fault, double expected)
    {
        Assert.Equal(expected, SessionRule.ConversionProbability(rate, waitedMs, fault), 9);
    }

    [Fact]
    public void The_conversion_rate_follows_the_rule_over_many_sessions()
    {
        // 300,000 answers of 50 ms: 100,000 sessions, each waited 150 ms: p = 0.05 × 0.929^1.5.
        var latencies = Enumerable.Repeat(50f, 300_000).ToArray();
        var expected = 0.05 * Math.Pow(0.929, 1.5);

        var conversions = TelemetryModel.Conversions(latencies, 5, 1, new SeededRandom(3));

        var sd = Math.Sqrt(expected * (1 - expected) / 100_000);
        Assert.InRange(conversions / 100_000.0, expected - (4 * sd), expected + (4 * sd));
    }

    [Fact]
    public void A_report_counts_sessions_and_no_more_conversions_than_sessions()
    {
        var scenario = WithModels(Default, previousConversion: 40, targetConversion: 40);
        var model = new TelemetryModel(scenario, ChipsetCatalogue.Default, Fleet);
        long sessions = 0, conversions = 0;
        for (var t = 1; t <= 2000; t++)
        {
            var report = model.Measure(t % 500, t % 144, t, new SeededRandom((ulong)t), null, 0);
            Assert.Equal(SessionRule.Sessions(report.LatenciesMs.Length), report.Counters.Sessions);
            Assert.InRange(report.Counters.Conversions, 0, report.Counters.Sessions);
            sessions += report.Counters.Sessions;
            conversions += report.Counters.Conversions;
        }

        // Millisecond answers cost almost nothing: about 40 % convert.
        Assert.InRange(conversions / (double)sessions, 0.378, 0.422);
    }

    [Fact]
    public void A_conversion_drop_multiplies_the_conversion_rate()
    {
        var clean = WithModels(Default, previousConversion: 10, targetConversion: 10);
        var dropped = clean with { Faults = [new FaultSpec(FaultKind.ConversionDrop, "1.0.0", null, null, null, 0.5, TimeSpan.Zero)] };

        Assert.InRange(ConversionRate(dropped) / ConversionRate(clean), 0.45, 0.55);
    }

    [Theory]
    // Sessions of 3, 3 and 2 answers: bursts of 6 s, 6 s and 4 s.
    [InlineData(8, 12.0, 10.0, 5, 2)]
    [InlineData(8, 9.0, 10.0, 5, 0)]
    [InlineData(8, 12.0, 10.0, 6, 0)]
    [InlineData(8, 12.0, 10.0, 3, 3)]
    [InlineData(0, 50.0, 10.0, 1, 0)]
    public void Cpu_breaches_are_bursts_above_the_share_for_longer_than_the_window(int inferences, double share, double max, int windowSeconds, int breaches)
    {
        Assert.Equal(breaches, TelemetryModel.CpuBreaches(inferences, share, max, TimeSpan.FromSeconds(windowSeconds)));
    }

    [Fact]
    public void Cpu_share_is_the_units_share_scaled_by_speed_throttling_explanations_and_regression()
    {
        Assert.Equal(2 * 1.1 * 1.25 * 1.5 * 3, CpuUse.Share("npu", 1.1, true, 1.25, 1.5, 3), 12);
        Assert.Equal(5, CpuUse.Share("cpu", 1, false, 1.25, 1, 1), 12);
    }

    [Fact]
    public void A_clean_release_keeps_within_a_ten_percent_limit_and_a_cpu_regression_breaks_it()
    {
        var limited = Default with { Deployment = Default.Deployment with { Resources = new ResourceLimits(10, TimeSpan.FromSeconds(5), null) } };
        var regressed = limited with { Faults = [new FaultSpec(FaultKind.CpuRegression, "1.0.0", null, null, null, 6, TimeSpan.Zero)] };

        Assert.Equal(0, DevicesBreaching(limited));
        Assert.True(DevicesBreaching(regressed) > 0.9 * 2000);
    }

    [Fact]
    public void Explanations_slow_the_new_version_by_their_latency_factor_and_the_priors_see_it()
    {
        var explained = Default with { Deployment = Default.Deployment with { Guardrails = new Guardrails(false, ExplainabilityLevel.Medium) } };
        var fleet = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        fleet.InstalledVersion[0] = (short)fleet.VersionIndex(Default.Deployment.TargetVersion);

        double MedianLatency(Scenario s)
        {
            var model = new TelemetryModel(s, ChipsetCatalogue.Default, fleet);
            var latencies = Enumerable.Range(1, 200).SelectMany(t => model.Measure(0, t, t, new SeededRandom((ulong)t), null, 0).LatenciesMs).Order().ToList();
            return latencies[latencies.Count / 2];
        }

        Assert.InRange(MedianLatency(explained) / MedianLatency(Default), 1.499, 1.501);

        var plain = VariantPriors.FromCatalogue(Default, ChipsetCatalogue.Default);
        var slowed = VariantPriors.FromCatalogue(explained, ChipsetCatalogue.Default);
        Assert.All(plain.Zip(slowed), p =>
        {
            Assert.Equal(p.First.LatencyP95Ms * 1.5, p.Second.LatencyP95Ms, 9);
            Assert.Equal(p.First.EnergyMj * 1.5, p.Second.EnergyMj, 9);
        });
    }

    [Fact]
    public void A_memory_regression_on_a_share_of_phones_moves_the_95th_percentile()
    {
        var regressed = Default with { Faults = [new FaultSpec(FaultKind.MemoryRegression, "1.0.0", null, null, null, 3, TimeSpan.Zero, DeviceShare: 0.2)] };

        var clean = PeakMemories(Default);
        var faulty = PeakMemories(regressed);

        Assert.True(Quantile(faulty, 0.95) > 2.5 * Quantile(clean, 0.95));
        Assert.InRange(Quantile(faulty, 0.5) / Quantile(clean, 0.5), 0.95, 1.05);
        var hit = Enumerable.Range(0, 2000).Count(d => regressed.Faults[0].Hits(d));
        Assert.InRange(hit, 400 - 72, 400 + 72);
    }

    [Fact]
    public void A_selection_drop_lowers_one_groups_selection_rate_only()
    {
        var group = Fleet.GroupNames[0];
        var biased = Default with { Faults = [new FaultSpec(FaultKind.SelectionDrop, "1.0.0", null, group, null, 0.6, TimeSpan.Zero)] };
        var model = new TelemetryModel(biased, ChipsetCatalogue.Default, Fleet);
        var (selected, total) = (new long[Fleet.GroupNames.Count], new long[Fleet.GroupNames.Count]);
        for (var d = 0; d < 2000; d++)
        {
            var outcomes = model.Measure(d, 84, 1, new SeededRandom((ulong)d), null, 0).Counters.Outcomes;
            selected[Fleet.Group[d]] += outcomes.TruePositives + outcomes.FalsePositives;
            total[Fleet.Group[d]] += outcomes.Total;
        }

        // Selection is 0.5 without the fault (half the cases positive, errors symmetric).
        Assert.InRange(selected[0] / (double)total[0], 0.28, 0.32);
        Assert.InRange(selected[1] / (double)total[1], 0.47, 0.53);
    }

    private static Scenario WithModels(Scenario scenario, double previousConversion, double targetConversion) => scenario with
    {
        Models = new Dictionary<string, ModelVersionSpec>
        {
            ["1.0.0"] = scenario.Models["1.0.0"] with { ConversionPercent = previousConversion },
            ["2.0.0"] = scenario.Models["2.0.0"] with { ConversionPercent = targetConversion },
        },
    };

    private static double ConversionRate(Scenario scenario)
    {
        var model = new TelemetryModel(scenario, ChipsetCatalogue.Default, Fleet);
        long sessions = 0, conversions = 0;
        for (var d = 0; d < 5000; d++)
        {
            var counters = model.Measure(d, 84, 1, new SeededRandom((ulong)d), null, 0).Counters;
            sessions += counters.Sessions;
            conversions += counters.Conversions;
        }

        return conversions / (double)sessions;
    }

    private static int DevicesBreaching(Scenario scenario)
    {
        var model = new TelemetryModel(scenario, ChipsetCatalogue.Default, Fleet);
        return Enumerable.Range(0, 2000).Count(d => Enumerable.Range(80, 6).Any(t => model.Measure(d, t, t, new SeededRandom((ulong)((d * 100) + t)), null, 0).Counters.CpuLimitBreaches > 0));
    }

    private static List<double> PeakMemories(Scenario scenario)
    {
        var model = new TelemetryModel(scenario, ChipsetCatalogue.Default, Fleet);
        return [.. Enumerable.Range(0, 2000).Select(d => model.Measure(d, 84, 1, new SeededRandom((ulong)d), null, 0).Counters.PeakMemoryMb).Order()];
    }

    private static double Quantile(List<double> sorted, double q) => sorted[(int)(q * (sorted.Count - 1))];
}

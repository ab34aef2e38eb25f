using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;
using ApexFleet.Simulator.Telemetry;

namespace ApexFleet.Simulator.Tests;

public class PopulationAndTelemetryTests
{
    private static readonly Scenario Default = ScenarioReader.Default().WithDevices(50_000);

    [Fact]
    public void The_same_seed_draws_the_same_fleet_and_another_seed_another()
    {
        var a = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        var b = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        var c = PopulationGenerator.Generate(Default.WithSeed(43), ChipsetCatalogue.Default);

        Assert.Equal(a.Chipset, b.Chipset);
        Assert.Equal(a.SpeedFactor, b.SpeedFactor);
        Assert.NotEqual(a.Chipset, c.Chipset);
    }

    [Fact]
    public void Chipsets_appear_in_proportion_to_their_fleet_share()
    {
        var fleet = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        for (var i = 0; i < fleet.ChipsetNames.Count; i++)
        {
            var share = ChipsetCatalogue.Default[fleet.ChipsetNames[i]].Share;
            var observed = fleet.Chipset.Count(c => c == i) / (double)fleet.Count;
            // Binomial standard deviation at 50k devices is below 0.0016; allow four of them.
            Assert.InRange(observed, share - 0.0064, share + 0.0064);
        }
    }

    [Fact]
    public void Full_correlation_puts_every_hardware_tier_in_its_own_group()
    {
        var scenario = Default with { Fleet = Default.Fleet with { GroupTierCorrelation = 1 } };
        var fleet = PopulationGenerator.Generate(scenario, ChipsetCatalogue.Default);
        var tiers = new[] { "flagship", "mid", "low" };
        for (var d = 0; d < 1000; d++)
        {
            var tier = ChipsetCatalogue.Default[fleet.ChipsetNames[fleet.Chipset[d]]].Tier;
            Assert.Equal(Array.IndexOf(tiers, tier), fleet.Group[d]);
        }
    }

    [Theory]
    [InlineData(20, 1.0)]
    [InlineData(8, 0.35)]
    [InlineData(2, 0.675)]
    public void Use_peaks_in_the_evening(int hour, double expected)
    {
        Assert.Equal(expected, TelemetryModel.Diurnal(new DateTimeOffset(2026, 1, 5, hour, 0, 0, TimeSpan.Zero)), 12);
    }

    [Fact]
    public void A_latency_regression_multiplies_the_median_of_the_chipset_it_targets()
    {
        var regression = new FaultSpec(FaultKind.LatencyRegression, "1.0.0", "snapdragon-660", null, null, 3, TimeSpan.Zero);
        var faulty = Default with { Faults = [regression] };
        var fleet = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        var sd660 = Enumerable.Range(0, fleet.Count).First(d => fleet.ChipsetNames[fleet.Chipset[d]] == "snapdragon-660");

        double MedianLatency(Scenario s)
        {
            var model = new TelemetryModel(s, ChipsetCatalogue.Default, fleet);
            var latencies = Enumerable.Range(1, 200)
                .SelectMany(t => model.Measure(sd660, t, t, new SeededRandom((ulong)t), null, 0).LatenciesMs)
                .Order()
                .ToList();
            return latencies[latencies.Count / 2];
        }

        Assert.InRange(MedianLatency(faulty) / MedianLatency(Default), 2.99, 3.01);
    }

    [Fact]
    public void A_report_carries_what_the_phone_runs_and_consistent_outcome_counts()
    {
        var fleet = PopulationGenerator.Generate(Default, ChipsetCatalogue.Default);
        var model = new TelemetryModel(Default, ChipsetCatalogue.Default, fleet);

        var report = model.Measure(0, 84, 1, new SeededRandom(9), null, 0);

        Assert.Equal(new ModelSlot("image-classifier", "1.0.0", Precision.Int8), report.Running);
        Assert.Equal(report.LatenciesMs.Length, report.Counters.Outcomes.Total);
        Assert.True(report.LatenciesMs.Length > 0);
        Assert.All(report.LatenciesMs, l => Assert.True(l > 0));
    }

    [Theory]
    [InlineData(Precision.Int4, 1_800_000)]
    [InlineData(Precision.Fp16, 6_800_000)]
    public void A_phone_downloads_the_size_of_the_variant_it_was_told_to_install(Precision precision, long expectedBytes)
    {
        var scenario = Default with { Simulation = Default.Simulation with { InstallFailureRate = 0 } };
        var fleet = PopulationGenerator.Generate(scenario, ChipsetCatalogue.Default);
        var agent = new VirtualAgent(scenario, fleet);
        var deployment = scenario.Deployment;
        var rng = new SeededRandom(1);

        agent.Obey(0, new DeviceDirective(new ModelSlot(deployment.ModelId, deployment.TargetVersion, precision), false, deployment.SizeOf(precision), true, null));
        long bytes = 0;
        InstallProgress? progress;
        do
        {
            (progress, var downloaded, _) = agent.Advance(0, rng);
            bytes += downloaded;
        }
        while (progress is { State: InstallState.Downloading });

        Assert.Equal(InstallState.Installed, progress?.State);
        Assert.Equal(expectedBytes, bytes);
    }
}

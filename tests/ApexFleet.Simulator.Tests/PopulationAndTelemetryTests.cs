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
    public void The_fleets_usage_cycle_is_the_diurnal_at_the_end_of_each_ticks_report()
    {
        var start = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
        var hourly = new SimulationSpec(1, start, TimeSpan.FromDays(1), TimeSpan.FromHours(1), 10, 0, 20, 0);
        var tenMinutes = hourly with { Tick = TimeSpan.FromMinutes(10) };
        double At(int hour, int minute) => TelemetryModel.Diurnal(new DateTimeOffset(start.Date, TimeSpan.Zero).AddHours(hour).AddMinutes(minute));

        // 07:00–08:00 is reported by the tick that ends at 08:00 (35 % of the peak); in ten-minute
        // ticks, by the six that end at 07:10 … 08:00.
        Assert.Equal(0.35, TelemetryModel.Cycle(hourly).ByHour[7], 12);
        Assert.Equal(At(21, 0), TelemetryModel.Cycle(hourly).ByHour[20], 12);
        Assert.Equal(Enumerable.Range(1, 6).Average(k => At(7, 10 * k)), TelemetryModel.Cycle(tenMinutes).ByHour[7], 12);
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
                .SelectMany(t => model.Measure(sd660, t, t, new SeededRandom((ulong)t), null, default).LatenciesMs)
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

        var report = model.Measure(0, 84, 1, new SeededRandom(9), null, default);

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
            (progress, var downloaded) = agent.Advance(0, rng, TimeSpan.Zero);
            bytes += downloaded.FullBytes;
        }
        while (progress is { State: InstallState.Downloading });

        Assert.Equal(InstallState.Installed, progress?.State);
        Assert.Equal(expectedBytes, bytes);
    }

    [Fact]
    public void A_phone_that_has_the_previous_version_downloads_the_delta_and_one_that_does_not_the_artifact()
    {
        var spec = Default.Models[Default.Deployment.TargetVersion] with { DeltaPercent = 11 };
        var scenario = Default with
        {
            Simulation = Default.Simulation with { InstallFailureRate = 0 },
            Models = new Dictionary<string, ModelVersionSpec>(Default.Models) { [spec.Version] = spec },
        };
        var fleet = PopulationGenerator.Generate(scenario, ChipsetCatalogue.Default);
        var agent = new VirtualAgent(scenario, fleet);
        var deployment = scenario.Deployment;
        var target = new ModelSlot(deployment.ModelId, deployment.TargetVersion, deployment.Precision);
        fleet.InstalledVersion[1] = VirtualFleet.NoVersion;
        var full = (long)(deployment.SizeOf(deployment.Precision) * 1_000_000);

        Assert.Equal((long)fleet.VersionIndex(deployment.PreviousVersion), fleet.InstalledVersion[0]);
        Assert.Equal(deployment.Precision, fleet.PrecisionOf(0));
        Assert.Equal(new Download(0, (long)Math.Round(full * 0.11), false), InstallAll(agent, 0, target));
        Assert.Equal(new Download(full, 0, false), InstallAll(agent, 1, target));
    }

    [Fact]
    public void A_tampered_download_is_refused_and_counted()
    {
        var scenario = Default with
        {
            Simulation = Default.Simulation with { InstallFailureRate = 0 },
            Faults = [new FaultSpec(FaultKind.TamperedArtifact, Default.Deployment.TargetVersion, null, null, null, 1, TimeSpan.Zero)],
        };
        var fleet = PopulationGenerator.Generate(scenario, ChipsetCatalogue.Default);
        var agent = new VirtualAgent(scenario, fleet);
        var deployment = scenario.Deployment;
        agent.Obey(0, new DeviceDirective(new ModelSlot(deployment.ModelId, deployment.TargetVersion, deployment.Precision), false, deployment.ArtifactMegabytes, true, null));

        InstallProgress? progress;
        Download download;
        do
        {
            (progress, download) = agent.Advance(0, new SeededRandom(1), TimeSpan.Zero);
        }
        while (progress is { State: InstallState.Downloading });

        Assert.Equal(InstallState.Failed, progress?.State);
        Assert.StartsWith("refused: digest sha256:", progress!.Reason, StringComparison.Ordinal);
        Assert.True(download.Refused);
        Assert.Equal(1, new TelemetryModel(scenario, ChipsetCatalogue.Default, fleet).Measure(0, 1, 1, new SeededRandom(1), progress, download).Counters.ArtifactsRefused);
        Assert.Equal((long)fleet.VersionIndex(deployment.PreviousVersion), fleet.InstalledVersion[0]);
    }

    private static Download InstallAll(VirtualAgent agent, int device, ModelSlot target)
    {
        agent.Obey(device, new DeviceDirective(target, false, 3.4, true, null));
        var total = default(Download);
        InstallProgress? progress;
        do
        {
            (progress, var download) = agent.Advance(device, new SeededRandom(2), TimeSpan.Zero);
            total = new Download(total.FullBytes + download.FullBytes, total.DeltaBytes + download.DeltaBytes, total.Refused || download.Refused);
        }
        while (progress is { State: InstallState.Downloading });

        Assert.Equal(InstallState.Installed, progress?.State);
        return total;
    }
}

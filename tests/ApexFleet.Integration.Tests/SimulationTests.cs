using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Rollout;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Simulator.Running;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Integration.Tests;

/// <summary>Scenarios run on a real embedded silo: determinism and the faults each gate is meant to catch.</summary>
public class SimulationTests
{
    private static async Task<SimulationResult> RunAsync(Scenario scenario)
    {
        await using var fleet = await EmbeddedFleet.StartAsync(CancellationToken.None);
        return await new SimulationRunner(fleet.Grains, fleet.FlushCohortDeltasAsync).RunAsync(scenario);
    }

    private static Scenario Example(string name, int devices) => ScenarioReader.Load(CliProcess.RepoFile("examples", name)).WithDevices(devices);

    [Fact]
    public async Task The_same_scenario_and_seed_give_the_same_decisions_and_numbers()
    {
        var scenario = Example("default.yaml", 3000);

        var first = await RunAsync(scenario);
        var second = await RunAsync(scenario);
        var otherSeed = await RunAsync(scenario.WithSeed(99));

        Assert.True(first.Completed);
        // How many flushes carried the cohorts' deltas depends on the silo's 2-second flush timer, not on the simulation.
        static SimulationResult Decisions(SimulationResult r) => r with { Cohorts = [.. r.Cohorts.Select(c => c with { BatchesApplied = 0 })] };
        Assert.Equivalent(Decisions(first) with { Timings = second.Timings }, Decisions(second), strict: true);
        Assert.NotEqual(
            first.Cohorts.SelectMany(c => c.Variants).Sum(v => v.Inferences),
            otherSeed.Cohorts.SelectMany(c => c.Variants).Sum(v => v.Inferences));
    }

    [Fact]
    public async Task A_latency_regression_on_one_chipset_rolls_back_that_cohort_while_the_rest_complete()
    {
        var result = await RunAsync(Example("latency-regression.yaml", 8000));

        Assert.Equal(RolloutPhase.Completed, result.Final.Phase);
        Assert.Equal(["snapdragon-660"], result.Final.ExcludedCohorts);
        var slow = result.Final.Cohorts.Single(c => c.Cohort == "snapdragon-660");
        Assert.Equal((0L, slow.Devices), (slow.OnTarget, slow.OnPrevious));
        Assert.All(result.Final.Cohorts.Where(c => c.Cohort != "snapdragon-660"), c => Assert.Equal(c.Devices, c.OnTarget));
        var rollback = result.Audit.Single(a => a.Decision == "RollbackCohorts");
        var failed = rollback.Gates.Single(g => g.Verdict == GateVerdict.Fail);
        Assert.Equal(("latency_canary_shift", "snapdragon-660"), (failed.Metric, failed.Scope));
        Assert.True(failed.Observed > failed.Threshold);
        Assert.True(failed.Samples >= failed.MinSamples);
    }

    [Fact]
    public async Task A_hundred_thousand_phones_complete_a_rollout_with_only_the_failing_cohort_rolled_back()
    {
        var result = await RunAsync(Example("latency-regression.yaml", 100_000));

        Assert.Equal(RolloutPhase.Completed, result.Final.Phase);
        Assert.Equal(100_000, result.Final.Cohorts.Sum(c => c.Devices));
        Assert.Equal(["snapdragon-660"], result.Final.ExcludedCohorts);
        var slow = result.Final.Cohorts.Single(c => c.Cohort == "snapdragon-660");
        Assert.Equal(100_000 - slow.Devices, result.Final.Cohorts.Sum(c => c.OnTarget));
        Assert.Equal(slow.Devices, slow.OnPrevious);
        Assert.Equal(4, result.Final.StageCount);
    }

    [Fact]
    public async Task A_crash_spike_rolls_the_whole_deployment_back()
    {
        var result = await RunAsync(Example("crash-spike.yaml", 8000));

        Assert.Equal(RolloutPhase.RolledBack, result.Final.Phase);
        Assert.Equal(0, result.Final.Cohorts.Sum(c => c.OnTarget));
        var decision = result.Audit.Single(a => a.Decision == "RollbackDeployment");
        Assert.Contains(decision.Gates, g => g is { Metric: "crash_rate", Scope: "fleet", Verdict: GateVerdict.Fail });
    }

    [Fact]
    public async Task An_int4_variant_that_costs_one_group_accuracy_is_caught_by_the_fairness_gate_of_its_cohort()
    {
        var result = await RunAsync(Example("accuracy-loss.yaml", 20_000));

        Assert.Equal(["snapdragon-8-gen-3"], result.Final.ExcludedCohorts);
        var rollback = result.Audit.Single(a => a.CohortsRolledBack.Contains("snapdragon-8-gen-3"));
        var failed = rollback.Gates.Single(g => g is { Metric: "equalized_odds_difference", Scope: "snapdragon-8-gen-3", Verdict: GateVerdict.Fail });
        Assert.True(failed.Observed > 0.1 && failed.Samples >= failed.MinSamples);
    }

    [Fact]
    public async Task Output_drift_is_caught_by_the_drift_gate_and_everything_goes_back()
    {
        var result = await RunAsync(Example("output-drift.yaml", 10_000));

        Assert.Equal(RolloutPhase.RolledBack, result.Final.Phase);
        var decision = result.Audit.Single(a => a.Decision == "RollbackDeployment");
        Assert.Contains(decision.Gates, g => g is { Metric: "output_psi", Scope: "fleet", Verdict: GateVerdict.Fail });
    }

    [Fact]
    public async Task A_clean_release_passes_every_gate_in_at_least_19_of_20_seeds()
    {
        var scenario = Example("default.yaml", 5000);
        var completed = 0;
        var failures = new List<string>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var result = await RunAsync(scenario.WithSeed(seed));
            if (result.Completed && result.Final.ExcludedCohorts.Count == 0)
            {
                completed++;
            }
            else
            {
                failures.Add($"seed {seed}: {result.Final.LastDecision}");
            }
        }

        Assert.True(completed >= 19, string.Join("\n", failures));
    }

    [Fact]
    public async Task With_private_telemetry_noised_count_gates_wait_for_more_evidence_and_the_rollout_still_completes()
    {
        var scenario = Example("private-telemetry.yaml", 10_000);
        var withoutNoise = scenario with
        {
            Deployment = scenario.Deployment with { Privacy = null },
            DeploymentManifestYaml = scenario.DeploymentManifestYaml.Replace("privacy:", "#privacy:", StringComparison.Ordinal),
        };

        Assert.Null(Domain.Manifests.DeploymentManifest.Parse("plain", withoutNoise.DeploymentManifestYaml).PrivacyEpsilon);
        Assert.Equal(2, Domain.Manifests.DeploymentManifest.Parse("noised", scenario.DeploymentManifestYaml).PrivacyEpsilon);

        var noised = await RunAsync(scenario);
        var plain = await RunAsync(withoutNoise);

        Assert.Equal(RolloutPhase.Completed, noised.Final.Phase);
        Assert.Equal(RolloutPhase.Completed, plain.Final.Phase);
        Assert.True(noised.TicksRun > plain.TicksRun, $"with noise {noised.TicksRun} ticks, without {plain.TicksRun}");
    }

    [Fact]
    public async Task Flagship_npus_pick_low_precision_and_gpu_only_phones_another_variant_and_their_devices_run_them()
    {
        var result = await RunAsync(Example("default.yaml", 5000));

        var choices = result.Final.Variants.ToDictionary(v => v.Cohort);
        foreach (var flagship in new[] { "snapdragon-8-gen-3", "snapdragon-8-gen-2", "exynos-2400", "snapdragon-888" })
        {
            Assert.Contains(choices[flagship].Chosen, new[] { "INT8", "INT4" });
        }

        foreach (var lowEnd in new[] { "snapdragon-4-gen-2", "snapdragon-845" })
        {
            Assert.Equal("FP16", choices[lowEnd].Chosen);
            Assert.Contains("chosen (weighted)", choices[lowEnd].Explanations["FP16"], StringComparison.Ordinal);
        }

        // Snapdragon 660's GPU runs MobileNetV2 slower than its CPU [R72]: INT8 on the CPU dominates.
        Assert.Equal("INT8", choices["snapdragon-660"].Chosen);

        var sd845 = result.Cohorts.Single(c => c.Cohort == "snapdragon-845");
        var onFp16 = sd845.Variants.Single(v => v.Variant == "image-classifier@2.0.0/FP16").InstalledDevices;
        Assert.Equal(result.Final.Cohorts.Single(c => c.Cohort == "snapdragon-845").Devices, onFp16);
        Assert.Equal(0, sd845.Variants.SingleOrDefault(v => v.Variant == "image-classifier@2.0.0/INT8")?.InstalledDevices ?? 0);
    }

    [Fact]
    public async Task A_battery_regression_is_caught_by_the_battery_gate_of_its_cohort()
    {
        var result = await RunAsync(Example("battery-regression.yaml", 8000));

        Assert.Equal(["snapdragon-7-gen-3"], result.Final.ExcludedCohorts);
        var rollback = result.Audit.Single(a => a.Decision == "RollbackCohorts");
        Assert.Contains(rollback.Gates, g => g is { Metric: "battery_drain_pct_per_hour", Scope: "snapdragon-7-gen-3", Verdict: GateVerdict.Fail });
    }
}

using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Rollout;

public class GateMetricsTests
{
    private static VariantMetrics Sample() => VariantMetrics.Of(new()
    {
        Reports = 4,
        Inferences = 1000,
        Crashes = 3,
        InstallAttempts = 50,
        InstallFailures = 2,
        EnergyMillijoules = 1234.5,
        BatteryDrainPercentPerHour = 10,
        BatteryReadings = 4,
        ThermalEvents = 1,
        ThermalReadings = 4,
    });

    [Theory]
    [InlineData("crash_rate", 0.003, 1000)]
    [InlineData("install_failure_rate", 0.04, 50)]
    [InlineData("energy_mj", 1.2345, 1000)]
    [InlineData("battery_drain_pct_per_hour", 2.5, 4)]
    [InlineData("thermal_event_rate", 0.25, 4)]
    public void Each_metric_reads_its_value_and_sample_size(string metric, double value, long samples)
    {
        var observation = GateMetrics.Observe(metric, Sample());
        Assert.Equal(value, observation.Value, 12);
        Assert.Equal(samples, observation.Samples);
    }

    [Fact]
    public void Merging_adds_every_counter()
    {
        var total = VariantMetrics.MergeAll([Sample(), Sample()]);
        Assert.Equal(2000, total.Counters.Inferences);
        Assert.Equal(0.003, GateMetrics.Observe("crash_rate", total).Value, 12);
    }

    [Fact]
    public void A_gate_with_no_data_is_inconclusive_not_a_pass()
    {
        var result = GateResult.Judge(new GateSpec("latency_p95_ms", ComparisonOperator.LessOrEqual, 10, 1, GateScope.Cohort), "a", new VariantMetrics());
        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(0, result.Samples);
    }

    [Fact]
    public void Battery_drain_is_the_mean_over_the_reports_that_read_a_battery()
    {
        // 5 reports: 3 read 1.5, 3.0 and 4.5 %/h (sum 9), 2 came from hosts without a battery: 9 / 3 = 3, not 9 / 5.
        var mixed = VariantMetrics.Of(new() { Reports = 5, BatteryDrainPercentPerHour = 9, BatteryReadings = 3 });

        var observation = GateMetrics.Observe("battery_drain_pct_per_hour", mixed);

        Assert.Equal((3.0, 3L), (observation.Value, observation.Samples));
    }

    [Fact]
    public void A_battery_gate_where_no_report_read_a_battery_is_no_evidence_not_a_pass()
    {
        var gate = new GateSpec("battery_drain_pct_per_hour", ComparisonOperator.LessOrEqual, 2.5, 1, GateScope.Cohort);
        var unread = VariantMetrics.Of(new() { Reports = 500, Inferences = 5000 });

        var result = GateResult.Judge(gate, "x86-hosts", unread);

        Assert.True(double.IsNaN(GateMetrics.Observe("battery_drain_pct_per_hour", unread).Value));
        Assert.Equal((GateVerdict.Inconclusive, 0L), (result.Verdict, result.Samples));
    }

    [Fact]
    public void The_thermal_event_rate_counts_only_the_reports_that_read_the_temperature()
    {
        // 6 reports, 4 from hosts with thermal zones (1 of them throttled): 1 / 4, not 1 / 6; none read: no evidence.
        var mixed = VariantMetrics.Of(new() { Reports = 6, ThermalEvents = 1, ThermalReadings = 4 });
        var gate = new GateSpec("thermal_event_rate", ComparisonOperator.LessOrEqual, 0.5, 1, GateScope.Cohort);

        var observation = GateMetrics.Observe("thermal_event_rate", mixed);
        var unread = GateResult.Judge(gate, "x86-hosts", VariantMetrics.Of(new() { Reports = 6 }));

        Assert.Equal((0.25, 4L), (observation.Value, observation.Samples));
        Assert.Equal((GateVerdict.Inconclusive, 0L), (unread.Verdict, unread.Samples));
    }

    [Fact]
    public void Unknown_metrics_are_refused_with_the_known_list()
    {
        var ex = Assert.Throws<ArgumentException>(() => GateMetrics.Observe("latency", Sample()));
        Assert.Contains("latency_p95_ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fairness_gates_read_the_fairlearn_vector_and_rest_on_the_smallest_group()
    {
        // Fairlearn's example (docs/REFERENCES.md [R10]): a = TPR 1/2, FPR 1; b = 3/5, 0; c = 2/5, 2/3 → equalized odds difference 1.0.
        var metrics = new VariantMetrics();
        metrics.AddOutcomes("a", new ConfusionCounts(1, 2, 0, 1));
        metrics.AddOutcomes("b", new ConfusionCounts(3, 0, 1, 2));
        metrics.AddOutcomes("c", new ConfusionCounts(2, 2, 1, 3));

        var odds = GateMetrics.Observe("equalized_odds_difference", metrics);
        Assert.Equal((1.0, 1L), (odds.Value, odds.Samples));
        var parity = GateMetrics.Observe("demographic_parity_difference", metrics);
        Assert.Equal((0.25, 4L), (parity.Value, parity.Samples));
        // Groups of 2 to 8 examples: the interval spans almost everything, so no gate can decide on it.
        Assert.True(parity.Lower == 0 && parity.Upper > 0.5);
        Assert.Equal(0.2, GateMetrics.Observe("equal_opportunity_difference", metrics).Value, 12);
        Assert.Equal(new Observation(8.0 / 18, 18), GateMetrics.Observe("accuracy", metrics));
    }

    [Fact]
    public void A_tiny_group_cannot_trigger_a_fairness_gate_but_a_large_clear_gap_does()
    {
        var gate = new GateSpec("demographic_parity_difference", ComparisonOperator.LessOrEqual, 0.1, 5, GateScope.Cohort);
        var tiny = new VariantMetrics();
        tiny.AddOutcomes("big-a", new ConfusionCounts(2500, 2500, 2500, 2500));
        tiny.AddOutcomes("big-b", new ConfusionCounts(2500, 2500, 2500, 2500));
        tiny.AddOutcomes("tiny", new ConfusionCounts(5, 0, 1, 0)); // selection rate 5/6 against 1/2

        var large = new VariantMetrics();
        large.AddOutcomes("a", new ConfusionCounts(3000, 1000, 3000, 3000)); // selection rate 0.4
        large.AddOutcomes("b", new ConfusionCounts(1500, 500, 4000, 4000)); // selection rate 0.2

        var fromTiny = GateResult.Judge(gate, "c", tiny);
        Assert.Equal(1.0 / 3, fromTiny.Observed, 12);
        Assert.Equal(GateVerdict.Inconclusive, fromTiny.Verdict);
        Assert.Equal(GateVerdict.Fail, GateResult.Judge(gate, "c", large).Verdict);
    }

    [Fact]
    public void A_single_group_gives_no_fairness_evidence()
    {
        var metrics = new VariantMetrics();
        metrics.AddOutcomes("only", new ConfusionCounts(10, 10, 10, 10));

        Assert.Equal(0, GateMetrics.Observe("equalized_odds_difference", metrics).Samples);
    }

    [Fact]
    public void Output_drift_is_the_psi_of_the_new_versions_scores_against_the_previous_ones()
    {
        var baseline = new VariantMetrics { OutputHistogram = [500, 500, 0, 0, 0, 0, 0, 0, 0, 0] };
        var target = new VariantMetrics { OutputHistogram = [250, 750, 0, 0, 0, 0, 0, 0, 0, 0] };

        // (0.25 − 0.5)·ln(0.5) + (0.75 − 0.5)·ln(1.5), bins empty on both sides add nothing.
        var psi = GateMetrics.Observe("output_psi", target, baseline);
        Assert.Equal((0.25 * Math.Log(2)) + (0.25 * Math.Log(1.5)), psi.Value, 12);
        Assert.Equal(1000, psi.Samples);
        Assert.Equal(0, GateMetrics.Observe("output_psi", target).Samples);
    }

    [Fact]
    public void Output_drift_carries_a_95_percent_interval_that_stops_at_zero()
    {
        var drifted = GateMetrics.Observe("output_psi", new VariantMetrics { OutputHistogram = [700, 300] }, new VariantMetrics { OutputHistogram = [500, 500] });
        var slight = GateMetrics.Observe("output_psi", new VariantMetrics { OutputHistogram = [200, 300, 500] }, new VariantMetrics { OutputHistogram = [250, 250, 500] });

        // PSI ± 1.96 × its delta-method error (PopulationStabilityIndexTests); a PSI cannot be negative.
        Assert.Equal(0.09721808688496424, drifted.Lower, 1e-12);
        Assert.Equal(0.2417010572699172, drifted.Upper, 1e-12);
        Assert.Equal(0.0, slight.Lower);
        Assert.Equal(0.04525109867958507, slight.Upper, 1e-12);
    }

    [Fact]
    public void The_latency_ratio_compares_with_devices_still_on_the_previous_version()
    {
        var target = new VariantMetrics();
        target.Latency.Add(10, 300);
        var baseline = new VariantMetrics();
        baseline.Latency.Add(5, 200);

        var ratio = GateMetrics.Observe("latency_p95_ratio", target, baseline);
        Assert.Equal(QuantileSketch.ValueOf(QuantileSketch.IndexOf(10)) / QuantileSketch.ValueOf(QuantileSketch.IndexOf(5)), ratio.Value, 12);
        Assert.Equal(200, ratio.Samples);
    }

    private static VariantMetrics Latencies(params (double Ms, long Count)[] values)
    {
        var metrics = new VariantMetrics();
        foreach (var (ms, count) in values)
        {
            metrics.Latency.Add(ms, count);
        }

        return metrics;
    }

    private static readonly GateSpec CanaryGate = new("latency_canary_shift", ComparisonOperator.LessOrEqual, 0.25, 100, GateScope.Cohort);

    [Fact]
    public void A_canary_clearly_slower_than_its_baseline_fails_the_canary_gate()
    {
        var result = GateResult.Judge(CanaryGate, "c", Latencies((10, 300)), Latencies((5, 200)));

        // Every pairwise difference is the same: bucket(10) − bucket(5), relative to bucket(5) ≈ 1.
        var expected = (QuantileSketch.ValueOf(QuantileSketch.IndexOf(10)) - QuantileSketch.ValueOf(QuantileSketch.IndexOf(5))) / QuantileSketch.ValueOf(QuantileSketch.IndexOf(5));
        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.Equal(expected, result.Observed, 12);
        Assert.Equal(200, result.Samples);
    }

    [Fact]
    public void A_canary_like_its_baseline_passes_and_a_mixed_one_waits_for_more_evidence()
    {
        Assert.Equal(GateVerdict.Pass, GateResult.Judge(CanaryGate, "c", Latencies((5, 300)), Latencies((5, 200))).Verdict);

        // Half the canary is 40% slower: the shift estimate is about 0.2, but its interval reaches past 0.25.
        var mixed = GateResult.Judge(CanaryGate, "c", Latencies((5, 50), (7, 50)), Latencies((5, 100)));
        Assert.Equal(GateVerdict.Inconclusive, mixed.Verdict);
        Assert.InRange(mixed.Observed, 0.15, 0.25);
    }

    [Fact]
    public void Too_few_samples_never_reach_a_canary_verdict()
    {
        Assert.Equal(GateVerdict.Inconclusive, GateResult.Judge(CanaryGate, "c", Latencies((10, 30)), Latencies((5, 30))).Verdict);
    }

    [Fact]
    public void The_bucketed_shift_equals_the_shift_of_the_values_the_buckets_stand_for()
    {
        var canary = Latencies((5, 40), (7, 35), (9, 25));
        var control = Latencies((5, 60), (6, 30), (8, 10));

        var bucketed = Domain.Drift.SketchShift.Estimate(canary.Latency, control.Latency);
        var expanded = Domain.Drift.HodgesLehmann.Shift(SketchSamples.Expand(canary.Latency, int.MaxValue), SketchSamples.Expand(control.Latency, int.MaxValue));

        Assert.Equal(expanded, bucketed.Estimate, 12);
        Assert.True(bucketed.Lower <= bucketed.Estimate && bucketed.Estimate <= bucketed.Upper);
    }
}

using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

/// <summary>Always-valid intervals and the indifference zone: gates looked at every tick still keep their error rates, and end.</summary>
public class SequentialGateTests
{
    private static readonly GateSpec P95 = new("latency_p95_ms", ComparisonOperator.LessOrEqual, 40, 300, GateScope.Cohort);

    private static readonly GateSpec EqualizedOdds = new("equalized_odds_difference", ComparisonOperator.LessOrEqual, 0.1, 300, GateScope.Cohort);

    [Fact]
    public void Looking_at_a_fixed_interval_every_tick_raises_false_alarms_but_the_sequence_keeps_them_under_alpha()
    {
        // 400 clean streams of a 1 % rate, looked at every 100 samples up to 40,000: how many ever exclude the truth?
        const double p = 0.01;
        var random = new Random(5);
        int fixedMisses = 0, sequenceMisses = 0;
        for (var run = 0; run < 400; run++)
        {
            long k = 0;
            bool fixedMissed = false, sequenceMissed = false;
            for (var n = 1; n <= 40_000; n++)
            {
                k += random.NextDouble() < p ? 1 : 0;
                if (n % 100 != 0)
                {
                    continue;
                }

                var fixedInterval = RateInterval.Wilson(k, n);
                var sequence = RateInterval.Wilson(k, n, ConfidenceSequence.Confidence(n, ConfidenceSequence.Tuning(1000)));
                fixedMissed |= p < fixedInterval.Lower || p > fixedInterval.Upper;
                sequenceMissed |= p < sequence.Lower || p > sequence.Upper;
            }

            fixedMisses += fixedMissed ? 1 : 0;
            sequenceMisses += sequenceMissed ? 1 : 0;
        }

        Assert.True(fixedMisses > 400 * 0.15, $"fixed 95% intervals looked at 400 times missed in {fixedMisses} of 400 runs");
        Assert.True(sequenceMisses <= 400 * ConfidenceSequence.Alpha, $"the confidence sequence missed in {sequenceMisses} of 400 runs");
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    public void A_noised_crash_count_at_or_below_zero_is_judged_on_its_interval_widened_by_the_noise(long noisedCrashes)
    {
        // Devices add Laplace noise (ε = 2) to their crash counts, so the fleet's sum may come out below
        // zero. 20,000 inferences in 4,000 reports: the noise's deviation is √(2·4000)/2 = 44.7 crashes,
        // 0.002236 of the rate; the sequence's z at n = 20,000 tuned to 2,000 is √(1.1·ln(11/0.05²)) = 3.0378.
        // Bounds of the nearest possible count, 0: Wilson [0, z²/(n + z²)], then ± z·0.002236.
        // Below zero the gate used to lose its interval and wait until the noise alone was under a tenth
        // of the threshold (0.001): 0.316/√n ≤ 0.001, some 100,000 inferences at this pace.
        var gate = new GateSpec("crash_rate", ComparisonOperator.LessOrEqual, 0.01, 2000, GateScope.Fleet);
        var metrics = VariantMetrics.Of(new() { Reports = 4000, Inferences = 20_000, Crashes = noisedCrashes });

        var result = GateResult.Judge(gate, GateResult.FleetScope, metrics, privacyEpsilon: 2);

        var z = Math.Sqrt(1.1 * Math.Log(11 / (0.05 * 0.05)));
        var noise = z * Math.Sqrt(2.0 * 4000) / 2 / 20_000;
        Assert.Equal(3.0378, z, 4);
        Assert.Equal(-noise, result.Lower, 9);
        Assert.Equal((z * z / (20_000 + (z * z))) + noise, result.Upper, 9);
        Assert.Equal(GateVerdict.Pass, result.Verdict);
    }

    [Fact]
    public void A_p95_a_hair_over_the_threshold_does_not_fail_on_its_point_estimate()
    {
        // 2,000 latencies spread evenly from 0 to 42.3 ms: p95 ≈ 40.2 ms against a 40 ms gate.
        var metrics = Latencies(2000, 42.3);
        var result = GateResult.Judge(P95, "a", metrics);

        Assert.True(result.Observed > 40, $"p95 {result.Observed}");
        Assert.True(result.Lower < 40 && result.Upper > 40);
        Assert.NotEqual(GateVerdict.Fail, result.Verdict);
    }

    [Fact]
    public void A_p95_inside_the_tolerance_is_decided_once_its_interval_is_narrower_than_the_tolerance()
    {
        // Between 40 and 40 + 4 ms either verdict is acceptable; what matters is that one is reached.
        var result = GateResult.Judge(P95, "a", Latencies(200_000, 42.3));

        Assert.NotEqual(GateVerdict.Inconclusive, result.Verdict);
        Assert.True(result.Upper - result.Lower < P95.ToleranceOrDefault);
    }

    [Fact]
    public void A_clear_p95_regression_fails()
    {
        var result = GateResult.Judge(P95, "a", Latencies(2000, 60));

        Assert.Equal(GateVerdict.Fail, result.Verdict);
        Assert.True(result.Lower > 40);
    }

    [Fact]
    public void A_fairness_gap_at_the_edge_of_the_tolerance_fails_within_a_bounded_number_of_samples()
    {
        // True positive rates 0.80 against 0.69: a gap of 0.11 against a 0.1 threshold (tolerance 0.01).
        GateVerdict VerdictAt(long perGroup) => GateResult.Judge(EqualizedOdds, "a", Outcomes(perGroup, 0.80, 0.69)).Verdict;

        Assert.Equal(GateVerdict.Inconclusive, VerdictAt(2_000));
        Assert.Equal(GateVerdict.Fail, VerdictAt(400_000));
    }

    [Fact]
    public void A_fairness_gap_inside_the_threshold_passes_and_the_tolerance_is_settable_per_gate()
    {
        var fine = Outcomes(200_000, 0.80, 0.72);

        Assert.Equal(GateVerdict.Pass, GateResult.Judge(EqualizedOdds, "a", fine).Verdict);
        Assert.Equal(GateVerdict.Inconclusive, GateResult.Judge(EqualizedOdds with { Tolerance = 0 }, "a", Outcomes(2_000, 0.80, 0.72)).Verdict);
        Assert.Equal(0.01, EqualizedOdds.ToleranceOrDefault, 12);
        Assert.Equal(0.11, EqualizedOdds.ClearlyHarmful, 12);
    }

    [Fact]
    public void A_conversion_lift_is_judged_on_the_sequence_so_a_lucky_look_does_not_pass_it()
    {
        // 5.0 % against 4.5 % of 20,000 sessions each: a 0.5 pp lift whose fixed 95 % interval
        // (≈ ±0.42 pp) clears 0, but whose always-valid interval (z ≈ 3.08 instead of 1.96) does not.
        var target = VariantMetrics.Of(new Domain.Telemetry.TelemetryCounters { Sessions = 20_000, Conversions = 1_000 });
        var baseline = VariantMetrics.Of(new Domain.Telemetry.TelemetryCounters { Sessions = 20_000, Conversions = 900 });
        var gate = new GateSpec("conversion_rate_lift", ComparisonOperator.Greater, 0, 1_000, GateScope.Cohort);

        var fixedInterval = ComparisonMetrics.ConversionLift(target, baseline);
        var judged = GateResult.Judge(gate, "a", target, baseline);

        var k = ConfidenceSequence.Z(20_000, ConfidenceSequence.Tuning(1_000)) / ConfidenceSequence.FixedZ;
        Assert.InRange(k, 1.56, 1.58);
        Assert.Equal(0.5, judged.Observed, 9);
        Assert.Equal(fixedInterval.Value - (k * (fixedInterval.Value - fixedInterval.Lower)), judged.Lower, 9);
        Assert.True(fixedInterval.Lower > 0, $"{fixedInterval.Lower}");
        Assert.True(judged.Lower < 0, $"{judged.Lower}");
        Assert.Equal(GateVerdict.Inconclusive, judged.Verdict);
    }

    [Fact]
    public void The_sequence_is_wider_than_a_fixed_interval_and_grows_only_logarithmically()
    {
        var rho = ConfidenceSequence.Tuning(1000);

        Assert.True(ConfidenceSequence.Z(1000, rho) > ConfidenceSequence.FixedZ);
        Assert.True(ConfidenceSequence.Z(1_000_000, rho) < 4.5);
        Assert.Equal(double.PositiveInfinity, ConfidenceSequence.Z(0, rho));
    }

    private static VariantMetrics Latencies(int count, double maxMs)
    {
        var metrics = VariantMetrics.Of(new() { Reports = count / 10, Inferences = count }, installedDevices: 10);
        for (var i = 0; i < count; i++)
        {
            metrics.Latency.Add(maxMs * (i + 0.5) / count);
        }

        return metrics;
    }

    /// <summary>Two groups of equal size, half positives, with the given true positive rates and no false positives.</summary>
    private static VariantMetrics Outcomes(long perGroup, double tprA, double tprB)
    {
        var metrics = VariantMetrics.Of(new() { Reports = 10, Inferences = perGroup * 2 }, installedDevices: 10);
        var positives = perGroup / 2;
        metrics.AddOutcomes("a", new ConfusionCounts((long)(tprA * positives), 0, perGroup - positives, positives - (long)(tprA * positives)));
        metrics.AddOutcomes("b", new ConfusionCounts((long)(tprB * positives), 0, perGroup - positives, positives - (long)(tprB * positives)));
        return metrics;
    }
}

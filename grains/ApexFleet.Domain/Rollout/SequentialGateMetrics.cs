using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// Gate metrics as the engine judges them: every metric that can carry an interval carries an
/// always-valid one (<see cref="ConfidenceSequence"/>), so a gate may be looked at every tick.
/// Quantiles and rates compute theirs at the sequence's width directly; the comparisons and the
/// fairness gaps stretch their fixed-sample 95 % interval to it.
/// </summary>
public static class SequentialGateMetrics
{
    /// <summary>Counter ratios that are shares of their denominator (a binomial count): Wilson bounds.</summary>
    private static readonly HashSet<string> Shares = ["crash_rate", "install_failure_rate", "npu_share", "conversion_rate", "accuracy"];

    /// <summary>Counter ratios that are event counts per report: Poisson bounds.</summary>
    private static readonly HashSet<string> Counts = ["thermal_event_rate"];

    private static readonly Dictionary<string, double> Quantiles = new()
    {
        ["latency_p50_ms"] = 0.50,
        ["latency_p95_ms"] = 0.95,
        ["latency_p99_ms"] = 0.99,
    };

    public static Observation Observe(GateSpec gate, VariantMetrics target, VariantMetrics? baseline)
    {
        var rho = ConfidenceSequence.Tuning(gate.MinSamples);
        var point = GateMetrics.Observe(gate.Metric, target, baseline);
        if (double.IsNaN(point.Value) || point.Samples == 0)
        {
            return point;
        }

        var z = ConfidenceSequence.Z(point.Samples, rho);
        return gate.Metric switch
        {
            _ when Quantiles.TryGetValue(gate.Metric, out var q) => Quantile(target.Latency, q, z),
            "peak_memory_p95_mb" => Quantile(target.PeakMemory, 0.95, z),
            "latency_p95_ratio" => P95Ratio(target.Latency, baseline!.Latency, point, z),
            _ when Shares.Contains(gate.Metric) => Share(point, ConfidenceSequence.Confidence(point.Samples, rho)),
            _ when Counts.Contains(gate.Metric) => Poisson(point, z),
            _ => ConfidenceSequence.Widen(point, rho),
        };
    }

    /// <summary>
    /// A quantile's interval from ranks: the share of samples below the true q-quantile is a
    /// binomial(n, q) mean, so the sketch's quantiles at q ± z·√(q(1−q)/n) bound it [R113]. The
    /// sketch itself answers within 1 % of the sample quantile, so the bounds widen by that too: a
    /// p95 of 40.05 ms against 40 ms is a difference the sketch cannot resolve, however many samples.
    /// </summary>
    public static Observation Quantile(QuantileSketch sketch, double q, double z)
    {
        var n = sketch.Count;
        var spread = z * Math.Sqrt(q * (1 - q) / n);
        var lower = sketch.Quantile(Math.Max(0, q - spread)) * (1 - QuantileSketch.RelativeAccuracy);
        var upper = sketch.Quantile(Math.Min(1, q + spread)) * (1 + QuantileSketch.RelativeAccuracy);
        return new Observation(sketch.Quantile(q), n, lower, upper);
    }

    /// <summary>The ratio of two p95s on the log scale, each side's error read off its rank interval (the delta method).</summary>
    private static Observation P95Ratio(QuantileSketch target, QuantileSketch baseline, Observation point, double z)
    {
        var t = Quantile(target, 0.95, ConfidenceSequence.FixedZ);
        var b = Quantile(baseline, 0.95, ConfidenceSequence.FixedZ);
        if (t.Value <= 0 || b.Value <= 0 || t.Lower <= 0 || b.Lower <= 0)
        {
            return point;
        }

        var se = Math.Sqrt(Square(Math.Log(t.Upper / t.Lower)) + Square(Math.Log(b.Upper / b.Lower))) / (2 * ConfidenceSequence.FixedZ);
        return point with { Lower = point.Value * Math.Exp(-z * se), Upper = point.Value * Math.Exp(z * se) };
    }

    /// <summary>
    /// Wilson bounds of the count. A count the devices noised may fall below 0 or above n; its bounds
    /// are those of the nearest count that can be, which the noise then widens (<see cref="GateResult.Judge"/>):
    /// a sum just below zero is judged as one just above it would be, not held to a stricter rule.
    /// </summary>
    private static Observation Share(Observation point, double confidence)
    {
        var successes = Math.Clamp((long)Math.Round(point.Value * point.Samples), 0, point.Samples);
        var interval = RateInterval.Wilson(successes, point.Samples, confidence);
        return point with { Lower = interval.Lower, Upper = interval.Upper };
    }

    private static Observation Poisson(Observation point, double z)
    {
        var events = point.Value * point.Samples;
        var spread = z * Math.Sqrt(events + (z * z / 4));
        return point with
        {
            Lower = Math.Max(0, (events + (z * z / 2) - spread) / point.Samples),
            Upper = (events + (z * z / 2) + spread) / point.Samples,
        };
    }

    private static double Square(double x) => x * x;
}

using ApexFleet.Domain.Drift;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// An observed value of a metric and the number of samples behind it; statistical comparisons also
/// carry a confidence interval, and the gate then decides on the interval rather than the estimate.
/// </summary>
public readonly record struct Observation(double Value, long Samples, double Lower = double.NaN, double Upper = double.NaN)
{
    public static readonly Observation None = new(double.NaN, 0);

    public bool HasInterval => !double.IsNaN(Lower) && !double.IsNaN(Upper);
}

/// <summary>
/// The metrics a gate can name, and how each is read from what the new version measured
/// (<c>target</c>) and, for comparisons, from devices of the same scope still on the previous
/// version (<c>baseline</c>) — so a fleet-wide shift (a hot day) is not blamed on the release.
/// </summary>
public static class GateMetrics
{
    private static readonly Dictionary<string, (string Meaning, Func<VariantMetrics, VariantMetrics?, Observation> Read)> Catalogue = new Dictionary<string, (string Meaning, Func<VariantMetrics, VariantMetrics?, Observation> Read)>
    {
        ["latency_p50_ms"] = ("median inference latency (ms), samples = inferences", (m, _) => Quantile(m, 0.50)),
        ["latency_p95_ms"] = ("95th-percentile inference latency (ms), samples = inferences", (m, _) => Quantile(m, 0.95)),
        ["latency_p99_ms"] = ("99th-percentile inference latency (ms), samples = inferences", (m, _) => Quantile(m, 0.99)),
        ["latency_canary_shift"] = ("Hodges–Lehmann shift of latency, new version − previous version in the same scope, as a share of the previous median, with its 95% interval (a Mann–Whitney-style comparison, as Kayenta's judge); samples = the smaller inference count", (m, b) => CanaryShift(m, b)),
        ["latency_p95_ratio"] = ("p95 latency of the new version ÷ that of the previous version in the same scope; samples = the smaller inference count", (m, b) => P95Ratio(m, b)),
        ["accuracy"] = ("share of correct predictions, samples = labelled inferences", (m, _) => Accuracy(m)),
        ["demographic_parity_difference"] = ("largest gap in selection rate between fairness groups; samples = the smallest group", (m, _) => Fairness(m, GroupFairness.DemographicParityDifference(m.Outcomes), c => c.Total, FairnessRate.SelectionRate)),
        ["equal_opportunity_difference"] = ("largest gap in true positive rate between groups; samples = the fewest actual positives of a group", (m, _) => Fairness(m, GroupFairness.EqualOpportunityDifference(m.Outcomes), c => c.Positives, FairnessRate.TruePositiveRate)),
        ["equalized_odds_difference"] = ("largest gap in true or false positive rate between groups; samples = the fewest actual positives or negatives of a group", (m, _) => Fairness(m, GroupFairness.EqualizedOddsDifference(m.Outcomes), c => Math.Min(c.Positives, c.Negatives), FairnessRate.TruePositiveRate, FairnessRate.FalsePositiveRate)),
        ["output_psi"] = ("population stability index of the output scores against the previous version in the same scope, with a delta-method interval; samples = the smaller count", (m, b) => Psi(m, b)),
        ["conversion_rate_lift"] = ("conversion rate of the new version − the previous version's in the same scope, percentage points, with Newcombe's interval; samples = the smaller session count", ComparisonMetrics.ConversionLift),
        ["battery_drain_increase_percent"] = ("battery drain of the new version over the previous version's in the same scope, % above it, with a delta-method interval; samples = the smaller count of reports that read a battery", ComparisonMetrics.BatteryDrainIncrease),
        ["disparate_impact_ratio"] = ("lowest group selection rate ÷ highest (four-fifths rule), with Wilson bounds; samples = the smallest group", (m, _) => ComparisonMetrics.DisparateImpact(m)),
        ["cpu_limit_breach_share"] = ("share of devices whose model CPU use stayed above the rollout's limit longer than its window, at least once; samples = devices", (m, _) => ComparisonMetrics.CpuLimitBreachShare(m)),
        ["peak_memory_p95_mb"] = ("95th percentile of per-report peak memory (MB), with a rank interval; samples = reports", (m, _) => ComparisonMetrics.PeakMemoryP95(m)),
    }
    .Concat(TelemetryCounters.Ratios.Select(r => KeyValuePair.Create(r.Metric, (r.Meaning, CounterRatio(r)))))
    .ToDictionary();

    /// <summary>Metrics made of counts that devices noise when a rollout asks for differential privacy.</summary>
    private static readonly HashSet<string> Noised =
        ["crash_rate", "accuracy", "disparate_impact_ratio", "demographic_parity_difference", "equal_opportunity_difference", "equalized_odds_difference"];

    /// <summary>Metrics whose harm can appear late (inputs drift, groups shift, crashes surface): they keep watching after 100 %.</summary>
    private static readonly HashSet<string> Late =
        ["output_psi", "crash_rate", "disparate_impact_ratio", "demographic_parity_difference", "equal_opportunity_difference", "equalized_odds_difference"];

    public static bool KeepsWatchingAfterCompletion(string metric) => Late.Contains(metric);

    /// <summary>The largest share of a gate's threshold the privacy noise may reach before the gate may judge.</summary>
    public const double MaxNoiseShareOfThreshold = 0.1;

    public static IEnumerable<string> Names => Catalogue.Keys;

    /// <summary>
    /// Whether the Laplace noise devices added (scale 1/ε per count per report) is small enough for this
    /// observation: summed over R reports it has standard deviation √(2R)/ε, which relative to the n
    /// samples behind the value must stay within a tenth of the threshold. More noise asks for more
    /// samples: the minimum grows with 1/ε².
    /// </summary>
    public static bool NoiseIsSmallEnough(GateSpec gate, Observation observation, VariantMetrics metrics, double epsilon)
    {
        if (!Noised.Contains(gate.Metric) || observation.Samples == 0)
        {
            return true;
        }

        var noise = Math.Sqrt(2.0 * Math.Max(metrics.Counters.Reports, 1)) / epsilon / observation.Samples;
        return noise <= MaxNoiseShareOfThreshold * Math.Abs(gate.Threshold);
    }

    /// <summary>
    /// The standard deviation the devices' Laplace noise adds to this observation (0 for metrics not
    /// noised): √(2R)/ε over the n samples. A gate with an interval widens it by this, so noise
    /// delays its verdict instead of blocking it until a fixed share of the threshold.
    /// </summary>
    public static double NoiseStandardError(GateSpec gate, Observation observation, VariantMetrics metrics, double epsilon) =>
        !Noised.Contains(gate.Metric) || observation.Samples == 0 ? 0 : Math.Sqrt(2.0 * Math.Max(metrics.Counters.Reports, 1)) / epsilon / observation.Samples;

    public static bool IsKnown(string metric) => Catalogue.ContainsKey(metric);

    public static string Meaning(string metric) => Catalogue[metric].Meaning;

    public static Observation Observe(string metric, VariantMetrics target, VariantMetrics? baseline = null) =>
        Catalogue.TryGetValue(metric, out var entry)
            ? entry.Read(target, baseline)
            : throw new ArgumentException($"unknown gate metric '{metric}'; known: {string.Join(", ", Names)}", nameof(metric));

    private static Observation Quantile(VariantMetrics m, double q) =>
        new(m.Latency.IsEmpty ? double.NaN : m.Latency.Quantile(q), m.Latency.Count);

    private static Observation P95Ratio(VariantMetrics m, VariantMetrics? baseline)
    {
        if (baseline is null || m.Latency.IsEmpty || baseline.Latency.IsEmpty)
        {
            return Observation.None;
        }

        return new(m.Latency.Quantile(0.95) / baseline.Latency.Quantile(0.95), Math.Min(m.Latency.Count, baseline.Latency.Count));
    }

    private static Observation CanaryShift(VariantMetrics m, VariantMetrics? baseline)
    {
        if (baseline is null || m.Latency.IsEmpty || baseline.Latency.IsEmpty)
        {
            return Observation.None;
        }

        var shift = SketchShift.Estimate(m.Latency, baseline.Latency);
        var median = baseline.Latency.Quantile(0.5);
        var samples = Math.Min(m.Latency.Count, baseline.Latency.Count);
        return shift.AchievedConfidence < shift.Confidence || median <= 0
            ? new Observation(double.NaN, samples)
            : new Observation(shift.Estimate / median, samples, shift.Lower / median, shift.Upper / median);
    }

    private static Func<VariantMetrics, VariantMetrics?, Observation> CounterRatio(CounterRatio ratio) => (m, _) =>
    {
        var (value, samples) = m.Counters.Ratio(ratio);
        return new(value, samples);
    };

    private static Observation Ratio(long numerator, long denominator) =>
        new(denominator == 0 ? double.NaN : (double)numerator / denominator, denominator);

    private static Observation Accuracy(VariantMetrics m)
    {
        var all = ConfusionCounts.Sum(m.Outcomes.Values);
        return Ratio(all.TruePositives + all.TrueNegatives, all.Total);
    }

    /// <summary>
    /// A gap between groups, with a conservative interval from each group's 95% Wilson interval: the
    /// gap is at least the widest separation of two groups' intervals and at most the widest span
    /// between them. A small group has a wide interval, so it can neither trigger nor pass a gate by
    /// chance: the gate stays inconclusive until the interval clears the threshold.
    /// </summary>
    private static Observation Fairness(VariantMetrics m, double value, Func<ConfusionCounts, long> groupSize, params FairnessRate[] rates)
    {
        var groups = m.Outcomes.Values.Where(c => rates.All(r => c.DenominatorOf(r) > 0)).ToList();
        if (groups.Count < 2 || double.IsNaN(value))
        {
            return Observation.None;
        }

        double lower = 0, upper = 0;
        foreach (var rate in rates)
        {
            var intervals = groups.Select(c => RateInterval.Wilson((long)Math.Round(c.RateOf(rate) * c.DenominatorOf(rate)), c.DenominatorOf(rate))).ToList();
            lower = Math.Max(lower, intervals.Max(i => i.Lower) - intervals.Min(i => i.Upper));
            upper = Math.Max(upper, intervals.Max(i => i.Upper) - intervals.Min(i => i.Lower));
        }

        return new Observation(value, groups.Min(groupSize), Math.Max(0, lower), upper);
    }

    private static Observation Psi(VariantMetrics m, VariantMetrics? baseline)
    {
        if (baseline is null)
        {
            return Observation.None;
        }

        var samples = Math.Min(m.OutputHistogram.Sum(), baseline.OutputHistogram.Sum());
        if (samples == 0)
        {
            return Observation.None;
        }

        var (psi, error) = PopulationStabilityIndex.WithStandardError(baseline.OutputHistogram, m.OutputHistogram);
        var spread = ConfidenceSequence.FixedZ * error;
        return new(psi, samples, Math.Max(0, psi - spread), psi + spread);
    }
}

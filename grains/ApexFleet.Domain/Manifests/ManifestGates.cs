using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// What both manifest formats share about gates: the metric names users write, where each metric is
/// judged by default, and the gates guardrails and resource limits add to every stage.
/// </summary>
public static class ManifestGates
{
    /// <summary>The users' metric names and ours for the same thing.</summary>
    public static readonly IReadOnlyDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["inference_latency_p50"] = "latency_p50_ms",
        ["inference_latency_p95"] = "latency_p95_ms",
        ["inference_latency_p99"] = "latency_p99_ms",
        ["fairness_metric_disparate_impact_ratio"] = "disparate_impact_ratio",
        ["fairness_metric_demographic_parity_difference"] = "demographic_parity_difference",
        ["fairness_metric_equal_opportunity_difference"] = "equal_opportunity_difference",
        ["fairness_metric_equalized_odds_difference"] = "equalized_odds_difference",
    };

    public static readonly IReadOnlySet<string> FairnessMetrics = new HashSet<string>(StringComparer.Ordinal)
    {
        "disparate_impact_ratio", "demographic_parity_difference", "equal_opportunity_difference", "equalized_odds_difference",
    };

    public static readonly IReadOnlyDictionary<string, GateScope> Scopes = new Dictionary<string, GateScope>(StringComparer.Ordinal)
    {
        ["cohort"] = GateScope.Cohort,
        ["fleet"] = GateScope.Fleet,
    };

    public static readonly IReadOnlyDictionary<string, ComparisonOperator> Operators = new Dictionary<string, ComparisonOperator>(StringComparer.Ordinal)
    {
        ["<="] = ComparisonOperator.LessOrEqual,
        ["<"] = ComparisonOperator.Less,
        [">="] = ComparisonOperator.GreaterOrEqual,
        [">"] = ComparisonOperator.Greater,
    };

    /// <summary>Every metric name a manifest may write: ours and the users' aliases.</summary>
    public static IEnumerable<string> AcceptedNames => GateMetrics.Names.Concat(Aliases.Keys);

    /// <summary>Our name for a metric a manifest wrote, or null when it is no metric we measure.</summary>
    public static string? Resolve(string written) =>
        GateMetrics.IsKnown(written) ? written : Aliases.TryGetValue(written, out var ours) ? ours : null;

    /// <summary>
    /// Where a metric is judged when the manifest does not say: what a phone feels (latency, battery,
    /// conversion, CPU, memory, heat) per cohort, so one chipset's regression is not averaged away;
    /// fairness and crashes fleet-wide, where groups and rare events have enough samples.
    /// </summary>
    public static GateScope DefaultScope(string metric) =>
        metric.StartsWith("latency_", StringComparison.Ordinal)
        || metric is "battery_drain_increase_percent" or "conversion_rate_lift" or "conversion_rate" or "cpu_limit_breach_share" or "peak_memory_p95_mb" or "thermal_event_rate"
            ? GateScope.Cohort
            : GateScope.Fleet;

    /// <summary>
    /// A stage's gates with what guardrails and limits add: the default fairness gates under bias
    /// detection when the stage has no fairness gate of its own, then the resource gates, each sized
    /// by <see cref="DefaultProgression.MinSamples"/>.
    /// </summary>
    public static IReadOnlyList<GateSpec> WithGuards(IReadOnlyList<GateSpec> listed, Guardrails? guardrails, ResourceLimits? resources)
    {
        var gates = listed.ToList();
        if (guardrails is { BiasDetection: true } && !listed.Any(g => FairnessMetrics.Contains(g.Metric)))
        {
            gates.AddRange(Guardrails.DefaultFairnessGates);
        }

        if (resources is not null)
        {
            gates.AddRange(resources.Gates(1).Select(g => g with { MinSamples = DefaultProgression.MinSamples(g.Metric, g.Threshold) ?? 1 }));
        }

        return gates;
    }
}

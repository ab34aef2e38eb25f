namespace ApexFleet.Domain.FinOps;

/// <summary>One group of showback: its key under the chosen dimension and what it spent.</summary>
public sealed record CostRow(string Key, CostBreakdown Cost, long Bytes, long CloudFallbacks, long Inferences);

/// <summary>One line of a rollout's spend with its price (priced where the cost model is: the silo).</summary>
public sealed record PricedLine(RolloutSpend Rollout, CostLine Line, CostBreakdown Cost);

/// <summary>Showback: every line of every rollout's spend grouped by one dimension, largest bill first.</summary>
public static class CostAttribution
{
    /// <summary>What a rollout without the label is grouped under.</summary>
    public const string Unlabelled = "(none)";

    public static IEnumerable<PricedLine> Priced(IEnumerable<RolloutSpend> rollouts, CostModel model) =>
        rollouts.SelectMany(r => r.Lines.Select(l => new PricedLine(r, l, l.Price(model))));

    public static IReadOnlyList<CostRow> By(CostDimension dimension, IEnumerable<PricedLine> lines) =>
        lines
            .GroupBy(p => KeyOf(dimension, p.Rollout, p.Line), StringComparer.Ordinal)
            .Select(g => new CostRow(
                g.Key,
                CostBreakdown.Sum(g.Select(p => p.Cost)),
                g.Sum(p => p.Line.Bytes),
                g.Sum(p => p.Line.CloudFallbacks),
                g.Sum(p => p.Line.Inferences)))
            .OrderByDescending(r => r.Cost.OperatorUsd)
            .ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();

    public static string KeyOf(CostDimension dimension, RolloutSpend rollout, CostLine line) => dimension switch
    {
        CostDimension.Team => Label(rollout, "team"),
        CostDimension.CostCenter => Label(rollout, CostCenterCap.Label),
        CostDimension.Namespace => rollout.Owner.Namespace ?? Unlabelled,
        CostDimension.Model => rollout.ModelId,
        CostDimension.Cohort => line.Cohort,
        CostDimension.Variant => Fleet.PrecisionNames.ToLabel(line.Variant),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "unknown cost dimension"),
    };

    /// <summary>The dimension a person names: team, cost-center, namespace, model, cohort or variant.</summary>
    public static readonly IReadOnlyDictionary<string, CostDimension> ByName = new Dictionary<string, CostDimension>(StringComparer.OrdinalIgnoreCase)
    {
        ["team"] = CostDimension.Team,
        ["cost-center"] = CostDimension.CostCenter,
        ["namespace"] = CostDimension.Namespace,
        ["model"] = CostDimension.Model,
        ["cohort"] = CostDimension.Cohort,
        ["variant"] = CostDimension.Variant,
    };

    private static string Label(RolloutSpend rollout, string key) => rollout.Owner.Labels.GetValueOrDefault(key) ?? Unlabelled;
}

namespace ApexFleet.Domain.Fairness;

/// <summary>
/// Group fairness metrics with Fairlearn's definitions (<c>demographic_parity_*</c>,
/// <c>equalized_odds_*</c>, <c>equal_opportunity_*</c>), computed from per-group confusion counts
/// instead of rows so that they work on merged fleet counters.
/// </summary>
/// <remarks>
/// A difference is ≥ 0 and 0 is fair; a ratio is in [0, 1] and 1 is fair. "Overall" is every group
/// merged. A group whose rate is undefined (NaN: no examples in the denominator) is skipped, as pandas
/// skips NaN in Fairlearn's group_min/group_max; with no defined rate at all the metric is NaN.
/// </remarks>
public static class GroupFairness
{
    public static double DemographicParityDifference(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessMethod method = FairnessMethod.BetweenGroups) =>
        Difference(groups, FairnessRate.SelectionRate, method);

    public static double DemographicParityRatio(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessMethod method = FairnessMethod.BetweenGroups) =>
        Ratio(groups, FairnessRate.SelectionRate, method);

    /// <summary>The true positive rate and the false positive rate differences, combined by <paramref name="aggregation"/>.</summary>
    public static double EqualizedOddsDifference(
        IReadOnlyDictionary<string, ConfusionCounts> groups,
        FairnessMethod method = FairnessMethod.BetweenGroups,
        FairnessAggregation aggregation = FairnessAggregation.WorstCase)
    {
        var tpr = Difference(groups, FairnessRate.TruePositiveRate, method);
        var fpr = Difference(groups, FairnessRate.FalsePositiveRate, method);
        return aggregation == FairnessAggregation.Mean ? (tpr + fpr) / 2 : Math.Max(tpr, fpr);
    }

    /// <summary>The true positive rate and the false positive rate ratios, combined by <paramref name="aggregation"/>.</summary>
    public static double EqualizedOddsRatio(
        IReadOnlyDictionary<string, ConfusionCounts> groups,
        FairnessMethod method = FairnessMethod.BetweenGroups,
        FairnessAggregation aggregation = FairnessAggregation.WorstCase)
    {
        var tpr = Ratio(groups, FairnessRate.TruePositiveRate, method);
        var fpr = Ratio(groups, FairnessRate.FalsePositiveRate, method);
        return aggregation == FairnessAggregation.Mean ? (tpr + fpr) / 2 : Math.Min(tpr, fpr);
    }

    public static double EqualOpportunityDifference(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessMethod method = FairnessMethod.BetweenGroups) =>
        Difference(groups, FairnessRate.TruePositiveRate, method);

    public static double EqualOpportunityRatio(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessMethod method = FairnessMethod.BetweenGroups) =>
        Ratio(groups, FairnessRate.TruePositiveRate, method);

    /// <summary>Between groups: max − min of the rate; to overall: the largest |group − overall|.</summary>
    public static double Difference(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessRate rate, FairnessMethod method)
    {
        var rates = DefinedRates(groups, rate);
        if (rates.Count == 0)
        {
            return double.NaN;
        }

        if (method == FairnessMethod.BetweenGroups)
        {
            return rates.Max() - rates.Min();
        }

        var overall = ConfusionCounts.Sum(groups.Values).RateOf(rate);
        return rates.Max(r => Math.Abs(r - overall));
    }

    /// <summary>
    /// Between groups: min / max of the rate; to overall: the smallest of group/overall and
    /// overall/group, so that a group above the overall rate counts as much as one below it.
    /// </summary>
    public static double Ratio(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessRate rate, FairnessMethod method)
    {
        var rates = DefinedRates(groups, rate);
        if (rates.Count == 0)
        {
            return double.NaN;
        }

        if (method == FairnessMethod.BetweenGroups)
        {
            return rates.Min() / rates.Max();
        }

        var overall = ConfusionCounts.Sum(groups.Values).RateOf(rate);
        return rates.Min(r => Math.Min(r / overall, overall / r));
    }

    private static List<double> DefinedRates(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessRate rate) =>
        groups.Values.Select(c => c.RateOf(rate)).Where(r => !double.IsNaN(r)).ToList();
}

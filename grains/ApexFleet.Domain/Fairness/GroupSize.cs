namespace ApexFleet.Domain.Fairness;

/// <summary>
/// Whether a group has enough examples for a rate to mean something. The count that matters is the
/// rate's denominator: a group of 10,000 with 3 actual positives has no usable true positive rate.
/// </summary>
public static class GroupSize
{
    public static bool IsLargeEnough(ConfusionCounts counts, FairnessRate rate, long minimum) =>
        counts.DenominatorOf(rate) >= minimum;

    /// <summary>The groups too small for <paramref name="rate"/>, in name order.</summary>
    public static IReadOnlyList<string> TooSmall(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessRate rate, long minimum) =>
        groups.Where(g => !IsLargeEnough(g.Value, rate, minimum)).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
}

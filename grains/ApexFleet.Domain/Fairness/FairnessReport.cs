namespace ApexFleet.Domain.Fairness;

/// <summary>Everything the fairness metrics say about one set of per-group counts.</summary>
public sealed record FairnessReport(
    IReadOnlyDictionary<string, ConfusionCounts> Groups,
    ConfusionCounts Overall,
    DisparitySummary BetweenGroups,
    DisparitySummary ToOverall,
    PrivilegedComparison? Privileged)
{
    /// <param name="privileged">AIF360's privileged group, or null for Fairlearn's metrics only.</param>
    public static FairnessReport Compute(IReadOnlyDictionary<string, ConfusionCounts> groups, string? privileged = null)
    {
        if (groups.Count == 0)
        {
            throw new ArgumentException("fairness needs at least one group", nameof(groups));
        }

        var ordered = new SortedDictionary<string, ConfusionCounts>(groups.ToDictionary(), StringComparer.Ordinal);
        return new FairnessReport(
            ordered,
            ConfusionCounts.Sum(ordered.Values),
            DisparitySummary.Of(ordered, FairnessMethod.BetweenGroups),
            DisparitySummary.Of(ordered, FairnessMethod.ToOverall),
            privileged is null ? null : PrivilegedComparison.Of(ordered, privileged));
    }
}

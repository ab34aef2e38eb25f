namespace ApexFleet.Domain.Fairness;

/// <summary>
/// Fairness against one privileged group, with AIF360's definitions: every other group is pooled
/// into the unprivileged group (counts merged, not rates averaged), and each metric is
/// unprivileged minus (or over) privileged, so a negative difference or a ratio below 1 means the
/// unprivileged group gets less.
/// </summary>
public static class PrivilegedGroupFairness
{
    /// <summary>
    /// The four-fifths rule (US EEOC): a disparate impact below this is evidence of adverse impact
    /// on the unprivileged group. It is one-sided: a ratio above 1.25 favours the unprivileged group.
    /// </summary>
    public const double FourFifths = 0.8;

    /// <summary>The privileged group's counts and the other groups' counts merged.</summary>
    public static (ConfusionCounts Privileged, ConfusionCounts Unprivileged) Split(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged)
    {
        if (!groups.TryGetValue(privileged, out var privilegedCounts))
        {
            throw new ArgumentException($"there is no group '{privileged}' (groups: {string.Join(", ", groups.Keys.Order(StringComparer.Ordinal))})", nameof(privileged));
        }

        if (groups.Count < 2)
        {
            throw new ArgumentException($"'{privileged}' is the only group: there is no unprivileged group to compare", nameof(groups));
        }

        var unprivileged = ConfusionCounts.Sum(groups.Where(g => g.Key != privileged).Select(g => g.Value));
        return (privilegedCounts, unprivileged);
    }

    /// <summary>P(ŷ = 1 | unprivileged) − P(ŷ = 1 | privileged); on label-only counts, the difference of base rates.</summary>
    public static double StatisticalParityDifference(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged)
    {
        var (p, u) = Split(groups, privileged);
        return u.SelectionRate - p.SelectionRate;
    }

    /// <summary>P(ŷ = 1 | unprivileged) / P(ŷ = 1 | privileged).</summary>
    public static double DisparateImpact(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged)
    {
        var (p, u) = Split(groups, privileged);
        return u.SelectionRate / p.SelectionRate;
    }

    /// <summary>TPR(unprivileged) − TPR(privileged).</summary>
    public static double EqualOpportunityDifference(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged)
    {
        var (p, u) = Split(groups, privileged);
        return u.TruePositiveRate - p.TruePositiveRate;
    }

    /// <summary>½·[(FPR(unprivileged) − FPR(privileged)) + (TPR(unprivileged) − TPR(privileged))].</summary>
    public static double AverageOddsDifference(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged)
    {
        var (p, u) = Split(groups, privileged);
        return ((u.FalsePositiveRate - p.FalsePositiveRate) + (u.TruePositiveRate - p.TruePositiveRate)) / 2;
    }

    /// <summary>False when the unprivileged group is selected at less than four fifths of the privileged group's rate.</summary>
    public static bool MeetsFourFifthsRule(double disparateImpact) => disparateImpact >= FourFifths;
}

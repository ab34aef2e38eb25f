namespace ApexFleet.Domain.Fairness;

/// <summary>AIF360's four metrics of the pooled unprivileged groups against one privileged group.</summary>
public sealed record PrivilegedComparison(
    string Privileged,
    double StatisticalParityDifference,
    double DisparateImpact,
    double EqualOpportunityDifference,
    double AverageOddsDifference)
{
    public bool MeetsFourFifthsRule => PrivilegedGroupFairness.MeetsFourFifthsRule(DisparateImpact);

    public static PrivilegedComparison Of(IReadOnlyDictionary<string, ConfusionCounts> groups, string privileged) => new(
        privileged,
        PrivilegedGroupFairness.StatisticalParityDifference(groups, privileged),
        PrivilegedGroupFairness.DisparateImpact(groups, privileged),
        PrivilegedGroupFairness.EqualOpportunityDifference(groups, privileged),
        PrivilegedGroupFairness.AverageOddsDifference(groups, privileged));
}

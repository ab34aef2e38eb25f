namespace ApexFleet.Domain.Fairness;

/// <summary>Fairlearn's six disparity metrics for one <see cref="FairnessMethod"/>.</summary>
public sealed record DisparitySummary(
    FairnessMethod Method,
    double DemographicParityDifference,
    double DemographicParityRatio,
    double EqualizedOddsDifference,
    double EqualizedOddsRatio,
    double EqualOpportunityDifference,
    double EqualOpportunityRatio)
{
    public static DisparitySummary Of(IReadOnlyDictionary<string, ConfusionCounts> groups, FairnessMethod method) => new(
        method,
        GroupFairness.DemographicParityDifference(groups, method),
        GroupFairness.DemographicParityRatio(groups, method),
        GroupFairness.EqualizedOddsDifference(groups, method),
        GroupFairness.EqualizedOddsRatio(groups, method),
        GroupFairness.EqualOpportunityDifference(groups, method),
        GroupFairness.EqualOpportunityRatio(groups, method));
}

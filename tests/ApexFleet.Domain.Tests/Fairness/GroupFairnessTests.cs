using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

/// <summary>Fairlearn's metrics on its documentation vector (docs/REFERENCES.md [R10]).</summary>
public class GroupFairnessTests
{
    // The reference gives exact fractions; the code does a subtraction or division of two such
    // fractions, so 1e-15 covers the last-bit rounding and nothing else.
    private const double Exact = 1e-15;

    private static readonly IReadOnlyDictionary<string, ConfusionCounts> Groups = FairlearnVector.Groups();

    [Fact]
    public void Between_groups_the_metrics_match_the_reference()
    {
        Assert.Equal(0.25, GroupFairness.DemographicParityDifference(Groups), Exact);
        Assert.Equal(2.0 / 3, GroupFairness.DemographicParityRatio(Groups), Exact);
        Assert.Equal(1.0, GroupFairness.EqualizedOddsDifference(Groups), Exact);
        Assert.Equal(0.0, GroupFairness.EqualizedOddsRatio(Groups), Exact);
        Assert.Equal(0.2, GroupFairness.EqualOpportunityDifference(Groups), Exact);
        Assert.Equal(2.0 / 3, GroupFairness.EqualOpportunityRatio(Groups), Exact);
    }

    [Fact]
    public void Equalized_odds_difference_with_the_mean_aggregation_is_0_6()
    {
        // (TPR difference 0.2 + FPR difference 1.0) / 2.
        Assert.Equal(0.6, GroupFairness.EqualizedOddsDifference(Groups, FairnessMethod.BetweenGroups, FairnessAggregation.Mean), Exact);
        // (TPR ratio 2/3 + FPR ratio 0) / 2.
        Assert.Equal(1.0 / 3, GroupFairness.EqualizedOddsRatio(Groups, FairnessMethod.BetweenGroups, FairnessAggregation.Mean), Exact);
    }

    [Fact]
    public void To_overall_the_demographic_parity_metrics_match_the_reference()
    {
        // Overall selection rate 10/18 = 5/9; group a at 3/4 is furthest: 3/4 − 5/9 = 7/36, (5/9)/(3/4) = 20/27.
        Assert.Equal(7.0 / 36, GroupFairness.DemographicParityDifference(Groups, FairnessMethod.ToOverall), Exact);
        Assert.Equal(20.0 / 27, GroupFairness.DemographicParityRatio(Groups, FairnessMethod.ToOverall), Exact);
    }

    [Fact]
    public void To_overall_equal_opportunity_and_equalized_odds_use_the_merged_rates()
    {
        // Overall TPR 6/12 = 1/2 (a 1/2, b 3/5, c 2/5); overall FPR 4/6 = 2/3 (a 1, b 0, c 2/3).
        Assert.Equal(0.1, GroupFairness.EqualOpportunityDifference(Groups, FairnessMethod.ToOverall), Exact);
        Assert.Equal(0.8, GroupFairness.EqualOpportunityRatio(Groups, FairnessMethod.ToOverall), Exact);
        Assert.Equal(2.0 / 3, GroupFairness.EqualizedOddsDifference(Groups, FairnessMethod.ToOverall), Exact);
        Assert.Equal(0.0, GroupFairness.EqualizedOddsRatio(Groups, FairnessMethod.ToOverall), Exact);
    }

    [Fact]
    public void A_group_without_positives_is_skipped_by_the_true_positive_rate_metrics()
    {
        var groups = new Dictionary<string, ConfusionCounts>(Groups)
        {
            ["d"] = new ConfusionCounts(0, 1, 1, 0),
        };

        Assert.Equal(0.2, GroupFairness.EqualOpportunityDifference(groups), Exact);
        Assert.Equal(0.25, GroupFairness.DemographicParityDifference(groups), Exact);
    }

    [Fact]
    public void Equal_rates_everywhere_are_perfectly_fair()
    {
        var groups = new Dictionary<string, ConfusionCounts>
        {
            ["x"] = new ConfusionCounts(2, 1, 1, 2),
            ["y"] = new ConfusionCounts(4, 2, 2, 4),
        };

        Assert.Equal(0.0, GroupFairness.EqualizedOddsDifference(groups));
        Assert.Equal(1.0, GroupFairness.EqualizedOddsRatio(groups));
        Assert.Equal(1.0, GroupFairness.DemographicParityRatio(groups, FairnessMethod.ToOverall));
    }
}

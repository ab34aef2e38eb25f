using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

/// <summary>AIF360's metrics (docs/REFERENCES.md [R11]): unprivileged = every other group pooled.</summary>
public class PrivilegedGroupFairnessTests
{
    private const double Exact = 1e-15;

    private static readonly IReadOnlyDictionary<string, ConfusionCounts> Fairlearn = FairlearnVector.Groups();

    // Label-only counts: the privileged group has the LOWER favourable rate here (15119/21779 ≈ 0.694
    // against 9585/10762 ≈ 0.891), so the statistical parity difference is positive.
    private static readonly Dictionary<string, ConfusionCounts> Aif360 = new()
    {
        ["privileged"] = ConfusionCounts.FromLabels(favourable: 15119, unfavourable: 6660),
        ["unprivileged"] = ConfusionCounts.FromLabels(favourable: 9585, unfavourable: 1177),
    };

    [Fact]
    public void With_a_privileged_the_fairlearn_vector_gives_the_reference_values()
    {
        // Unprivileged b + c pooled: selection 7/14, TPR 5/10, FPR 2/4; privileged a: 3/4, 1/2, 1.
        Assert.Equal(-0.25, PrivilegedGroupFairness.StatisticalParityDifference(Fairlearn, "a"), Exact);
        Assert.Equal(2.0 / 3, PrivilegedGroupFairness.DisparateImpact(Fairlearn, "a"), Exact);
        Assert.Equal(0.0, PrivilegedGroupFairness.EqualOpportunityDifference(Fairlearn, "a"), Exact);
        Assert.Equal(-0.25, PrivilegedGroupFairness.AverageOddsDifference(Fairlearn, "a"), Exact);
    }

    [Fact]
    public void The_aif360_counts_give_the_reference_statistical_parity_difference()
    {
        // The reference value is 9585/10762 − 15119/21779 in doubles, digit for digit.
        Assert.Equal(0.19643287553870947, PrivilegedGroupFairness.StatisticalParityDifference(Aif360, "privileged"));
    }

    [Fact]
    public void The_aif360_counts_give_a_disparate_impact_of_about_1_283_which_meets_the_four_fifths_rule()
    {
        var impact = PrivilegedGroupFairness.DisparateImpact(Aif360, "privileged");

        // The reference gives 3 decimals; the exact quotient is (9585/10762)/(15119/21779) = 1.28296…
        Assert.Equal(1.283, impact, 0.0005);
        Assert.Equal(9585.0 / 10762 / (15119.0 / 21779), impact, 1e-15);
        Assert.True(PrivilegedGroupFairness.MeetsFourFifthsRule(impact));
    }

    [Fact]
    public void The_aif360_base_rate_is_the_favourable_share_of_everyone()
    {
        var everyone = ConfusionCounts.Sum(Aif360.Values);

        // (15119 + 9585) / 32541. The reference prints 0.7591653606219844, two units in the last place
        // below the correctly rounded quotient 0.7591653606219846: hence 1e-15, not exact equality.
        Assert.Equal(0.7591653606219844, everyone.BaseRate, 1e-15);
        Assert.Equal(24704.0 / 32541, everyone.BaseRate);
    }

    [Fact]
    public void A_disparate_impact_below_four_fifths_fails_the_rule()
    {
        Assert.False(PrivilegedGroupFairness.MeetsFourFifthsRule(0.79));
        Assert.True(PrivilegedGroupFairness.MeetsFourFifthsRule(0.8));
        Assert.False(PrivilegedGroupFairness.MeetsFourFifthsRule(PrivilegedGroupFairness.DisparateImpact(Fairlearn, "a") - 0.2));
    }

    [Fact]
    public void An_unknown_privileged_group_is_named_with_the_groups_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => PrivilegedGroupFairness.DisparateImpact(Fairlearn, "z"));

        Assert.StartsWith("there is no group 'z' (groups: a, b, c)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_holds_both_libraries_metrics()
    {
        var report = FairnessReport.Compute(Fairlearn, privileged: "a");

        Assert.Equal(["a", "b", "c"], report.Groups.Keys);
        Assert.Equal(18, report.Overall.Total);
        Assert.Equal(0.25, report.BetweenGroups.DemographicParityDifference, Exact);
        Assert.Equal(7.0 / 36, report.ToOverall.DemographicParityDifference, Exact);
        Assert.Equal(-0.25, report.Privileged!.AverageOddsDifference, Exact);
        Assert.False(report.Privileged.MeetsFourFifthsRule);
    }
}

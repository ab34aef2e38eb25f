using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

public class GroupSizeTests
{
    [Fact]
    public void The_denominator_of_the_rate_decides_whether_a_group_is_large_enough()
    {
        // 1,000 examples but only 3 actual positives.
        var counts = new ConfusionCounts(2, 10, 987, 1);

        Assert.True(GroupSize.IsLargeEnough(counts, FairnessRate.SelectionRate, 30));
        Assert.True(GroupSize.IsLargeEnough(counts, FairnessRate.FalsePositiveRate, 30));
        Assert.False(GroupSize.IsLargeEnough(counts, FairnessRate.TruePositiveRate, 30));
    }

    [Fact]
    public void The_too_small_groups_are_listed_in_name_order()
    {
        var groups = FairlearnVector.Groups();

        // Sizes a 4, b 6, c 8; actual positives a 2, b 5, c 5.
        Assert.Equal(["a", "b"], GroupSize.TooSmall(groups, FairnessRate.SelectionRate, 7));
        Assert.Equal(["a"], GroupSize.TooSmall(groups, FairnessRate.TruePositiveRate, 5));
        Assert.Empty(GroupSize.TooSmall(groups, FairnessRate.SelectionRate, 4));
    }
}

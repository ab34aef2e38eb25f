using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

public class ConfusionCountsTests
{
    [Fact]
    public void The_fairlearn_vector_gives_the_documented_counts_per_group()
    {
        var groups = FairlearnVector.Groups();

        // a: rows 2, 8, 9, 11 → y (1,1,0,0), ŷ (1,0,1,1).
        Assert.Equal(new ConfusionCounts(1, 2, 0, 1), groups["a"]);
        Assert.Equal(new ConfusionCounts(3, 0, 1, 2), groups["b"]);
        Assert.Equal(new ConfusionCounts(2, 2, 1, 3), groups["c"]);
    }

    [Theory]
    [InlineData("a", 3.0 / 4, 1.0 / 2, 1.0)]
    [InlineData("b", 1.0 / 2, 3.0 / 5, 0.0)]
    [InlineData("c", 1.0 / 2, 2.0 / 5, 2.0 / 3)]
    public void Per_group_rates_match_the_reference(string group, double selectionRate, double truePositiveRate, double falsePositiveRate)
    {
        var counts = FairlearnVector.Groups()[group];

        // Exact: each is one division of small integers, so it equals the correctly rounded fraction.
        Assert.Equal(selectionRate, counts.SelectionRate);
        Assert.Equal(truePositiveRate, counts.TruePositiveRate);
        Assert.Equal(falsePositiveRate, counts.FalsePositiveRate);
    }

    [Fact]
    public void Merging_adds_every_count_and_is_order_independent()
    {
        var a = new ConfusionCounts(1, 2, 3, 4);
        var b = new ConfusionCounts(10, 20, 30, 40);

        Assert.Equal(new ConfusionCounts(11, 22, 33, 44), a.Merge(b));
        Assert.Equal(a.Merge(b), b.Merge(a));
        Assert.Equal(new ConfusionCounts(11, 22, 33, 44), ConfusionCounts.Sum([a, b]));
        Assert.Equal(110, a.Merge(b).Total);
    }

    [Fact]
    public void A_rate_without_examples_in_its_denominator_is_undefined()
    {
        var onlyNegatives = new ConfusionCounts(0, 1, 3, 0);

        Assert.True(double.IsNaN(onlyNegatives.TruePositiveRate));
        Assert.Equal(0.25, onlyNegatives.FalsePositiveRate);
        Assert.True(double.IsNaN(ConfusionCounts.Zero.SelectionRate));
    }

    [Fact]
    public void Label_only_counts_select_at_the_base_rate()
    {
        var labels = ConfusionCounts.FromLabels(favourable: 3, unfavourable: 1);

        Assert.Equal(0.75, labels.BaseRate);
        Assert.Equal(labels.BaseRate, labels.SelectionRate);
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionCounts(0, -1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionCounts.Zero with { FalseNegatives = -1 });
    }
}

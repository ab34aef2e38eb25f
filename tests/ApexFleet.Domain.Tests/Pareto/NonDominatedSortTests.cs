using System.Diagnostics;
using ApexFleet.Domain.Pareto;

namespace ApexFleet.Domain.Tests.Pareto;

public class NonDominatedSortTests
{
    [Fact]
    public void Duplicates_do_not_dominate_each_other_and_share_the_first_front()
    {
        Assert.Equal([0, 0, 0, 0, 1], NonDominatedSort.Ranks([[1, 3], [2, 2], [2, 2], [3, 1], [4, 4]]));
    }

    [Fact]
    public void A_chain_of_dominated_points_gives_one_front_each()
    {
        Assert.Equal([0, 1, 2], NonDominatedSort.Ranks([[1, 1], [2, 2], [3, 3]]));
    }

    [Fact]
    public void A_single_objective_ranks_by_value_with_ties_sharing_a_front()
    {
        Assert.Equal([2, 0, 1, 0, 2], NonDominatedSort.Ranks([[5], [1], [3], [1], [5]]));
    }

    [Fact]
    public void Equal_in_one_objective_and_better_in_another_dominates()
    {
        Assert.Equal([0, 1, 1, 0], NonDominatedSort.Ranks([[1, 2, 3], [1, 2, 4], [2, 2, 3], [0, 9, 9]]));
    }

    [Fact]
    public void Three_objectives_sort_into_every_front()
    {
        double[][] points = [[1, 2, 3], [2, 1, 3], [3, 3, 1], [2, 3, 4], [3, 2, 4], [4, 4, 4], [5, 5, 5], [4, 4, 4]];

        Assert.Equal([0, 0, 0, 1, 1, 2, 3, 2], NonDominatedSort.Ranks(points));
        Assert.Equal([[0, 1, 2], [3, 4], [5, 7], [6]], NonDominatedSort.Fronts(points));
    }

    [Fact]
    public void No_points_give_no_fronts()
    {
        Assert.Empty(NonDominatedSort.Ranks([]));
        Assert.Empty(NonDominatedSort.Fronts([]));
    }

    [Fact]
    public void Points_of_different_lengths_are_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => NonDominatedSort.Ranks([[1, 2], [1]]));
        Assert.StartsWith("point 1 has 1 values, point 0 has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dominance_needs_the_same_objectives_on_both_sides()
    {
        Assert.True(Dominance.Dominates([1, 2], [1, 3]));
        Assert.False(Dominance.Dominates([1, 2], [1, 2]));
        Assert.Throws<ArgumentException>(() => Dominance.Dominates([1, 2], [1, 2, 3]));
    }

    [Fact]
    public void Not_a_number_is_refused_because_it_compares_with_nothing()
    {
        Assert.Throws<ArgumentException>(() => NonDominatedSort.Ranks([[1, double.NaN]]));
    }

    [Fact]
    public void Ten_thousand_candidates_with_four_objectives_sort_well_under_a_second()
    {
        var random = new Random(42);
        var points = Enumerable.Range(0, 10_000).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToArray();
        var ranks = Array.Empty<int>();
        var fastest = TimeSpan.MaxValue;
        // Best of three, so a busy shared machine does not fail the test; here it takes about 0.1 s.
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            ranks = NonDominatedSort.Ranks(points);
            fastest = TimeSpan.FromTicks(Math.Min(fastest.Ticks, clock.Elapsed.Ticks));
        }

        Assert.True(fastest < TimeSpan.FromSeconds(1), $"took {fastest.TotalMilliseconds:0} ms");
        Assert.Equal(ranks.Length, points.Length);
        Assert.Contains(0, ranks);
    }
}

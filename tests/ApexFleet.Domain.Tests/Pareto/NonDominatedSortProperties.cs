using ApexFleet.Domain.Pareto;
using CsCheck;

namespace ApexFleet.Domain.Tests.Pareto;

/// <summary>The fast sort against the brute-force reference on random sets, many with ties and copies.</summary>
public class NonDominatedSortProperties
{
    /// <summary>
    /// 1–5 objectives, up to 60 points, values drawn from a small range (1 to 8 levels) so that
    /// ties in single objectives are common, plus copies of a third of the points.
    /// </summary>
    internal static readonly Gen<double[][]> PointSets =
        from m in Gen.Int[1, 5]
        from levels in Gen.Int[1, 8]
        from points in Gen.Int[0, levels - 1].Select(v => (double)v).Array[m].Array[0, 45]
        select points.Concat(points.Take(points.Length / 3)).ToArray();

    /// <summary>Continuous values: no ties at all, many distinct fronts.</summary>
    internal static readonly Gen<double[][]> ContinuousPointSets =
        from m in Gen.Int[1, 5]
        from points in Gen.Double[-1, 1].Array[m].Array[0, 60]
        select points;

    [Fact]
    public void The_fast_sort_matches_the_brute_force_reference_with_ties_and_duplicates() =>
        PointSets.Sample(points => Assert.Equal(BruteForce.Ranks(points), NonDominatedSort.Ranks(points)), iter: 2000);

    [Fact]
    public void The_fast_sort_matches_the_brute_force_reference_on_continuous_values() =>
        ContinuousPointSets.Sample(points => Assert.Equal(BruteForce.Ranks(points), NonDominatedSort.Ranks(points)), iter: 500);

    [Fact]
    public void First_front_members_are_non_dominated_and_later_ones_are_dominated_from_the_front_before() =>
        PointSets.Sample(points =>
        {
            var fronts = NonDominatedSort.Fronts(points);
            Assert.Equal(points.Length, fronts.Sum(f => f.Count));
            for (var k = 0; k < fronts.Count; k++)
            {
                foreach (var i in fronts[k])
                {
                    // Nobody in this front or a later one dominates it ...
                    Assert.DoesNotContain(fronts.Skip(k).SelectMany(f => f), j => Dominance.Dominates(points[j], points[i]));
                    // ... and past the first front, someone in the front just before does.
                    if (k > 0)
                    {
                        Assert.Contains(fronts[k - 1], j => Dominance.Dominates(points[j], points[i]));
                    }
                }
            }
        }, iter: 1000);

    [Fact]
    public void The_order_of_the_input_does_not_change_anyone_s_rank() =>
        PointSets.Sample(points =>
        {
            var ranks = NonDominatedSort.Ranks(points);
            var reversed = NonDominatedSort.Ranks([.. points.Reverse()]);
            Assert.Equal(ranks, reversed.Reverse());
        }, iter: 500);
}

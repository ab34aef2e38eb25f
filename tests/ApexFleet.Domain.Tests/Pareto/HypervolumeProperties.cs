using ApexFleet.Domain.Pareto;
using CsCheck;

namespace ApexFleet.Domain.Tests.Pareto;

public class HypervolumeProperties
{
    private static readonly Gen<(double[][] Points, double[] Reference)> SmallSets =
        from m in Gen.Int[1, 4]
        from points in Gen.Int[0, 5].Select(v => (double)v).Array[m].Array[0, 7]
        from reference in Gen.Int[3, 6].Select(v => (double)v).Array[m]
        select (points, reference);

    private static readonly Gen<double[][]> LargerSets =
        from m in Gen.Int[1, 4]
        from points in Gen.Double[0, 1].Array[m].Array[0, 40]
        select points;

    [Fact]
    public void Every_dimension_matches_the_grid_reference() =>
        SmallSets.Sample((points, reference) =>
            Assert.Equal(BruteForce.Hypervolume(points, reference), Hypervolume.Compute(points, reference), 9), iter: 1000);

    [Fact]
    public void An_extra_objective_where_everyone_scores_zero_against_one_keeps_the_volume() =>
        // Checks each algorithm against the one below it: 2-D sweep, 3-D sweep, WFG, on larger sets.
        LargerSets.Sample(points =>
        {
            var reference = Enumerable.Repeat(1.0, points.FirstOrDefault()?.Length ?? 1).ToArray();
            var lifted = points.Select(p => p.Append(0).ToArray()).ToArray();
            Assert.Equal(Hypervolume.Compute(points, reference), Hypervolume.Compute(lifted, [.. reference, 1]), 9);
        }, iter: 300);

    [Fact]
    public void Adding_a_point_never_shrinks_the_volume() =>
        LargerSets.Where(p => p.Length > 0).Sample(points =>
        {
            var reference = Enumerable.Repeat(1.0, points[0].Length).ToArray();
            Assert.True(Hypervolume.Compute(points[1..], reference) <= Hypervolume.Compute(points, reference) + 1e-12);
        }, iter: 300);
}

using ApexFleet.Domain.Pareto;

namespace ApexFleet.Domain.Tests.Pareto;

public class HypervolumeTests
{
    [Fact]
    public void Three_points_against_four_four_cover_six()
    {
        Assert.Equal(6, Hypervolume.Compute([[1, 3], [2, 2], [3, 1]], [4, 4]));
    }

    [Fact]
    public void Dominated_and_duplicate_points_add_nothing()
    {
        Assert.Equal(6, Hypervolume.Compute([[1, 3], [2, 2], [2, 2], [3, 1], [3, 3], [2.5, 2.5]], [4, 4]));
    }

    [Fact]
    public void Points_not_strictly_better_than_the_reference_add_nothing()
    {
        Assert.Equal(0, Hypervolume.Compute([[4, 1], [1, 4], [5, 5]], [4, 4]));
        Assert.Equal(0, Hypervolume.Compute([], [4, 4]));
    }

    [Fact]
    public void One_objective_is_the_distance_from_the_best_value_to_the_reference()
    {
        Assert.Equal(7, Hypervolume.Compute([[3], [5], [9]], [10]));
    }

    [Fact]
    public void Three_cyclic_boxes_overlap_by_inclusion_and_exclusion()
    {
        // 3 boxes of 6, three pairwise overlaps of 2, one triple overlap of 1: 18 − 6 + 1.
        Assert.Equal(13, Hypervolume.Compute([[1, 2, 3], [2, 3, 1], [3, 1, 2]], [4, 4, 4]));
    }

    [Fact]
    public void Four_objectives_are_exact()
    {
        // Two boxes of 24 overlapping in (4,3,3,4)–(5,5,5,5): 1·2·2·1 = 4.
        Assert.Equal(44, Hypervolume.Compute([[1, 2, 3, 4], [4, 3, 2, 1]], [5, 5, 5, 5]));
        Assert.Equal(BruteForce.Hypervolume(Cyclic(5), [6, 6, 6, 6, 6]), Hypervolume.Compute(Cyclic(5), [6, 6, 6, 6, 6]), 9);
    }

    [Fact]
    public void Zdt1_sampled_finely_approaches_two_thirds_and_0_87667()
    {
        // f2 = 1 − √f1 on 100,001 points; a sampled front covers a little less than the curve
        // (about half a step of f1, 5·10⁻⁶).
        var front = Curve(100_001, f1 => 1 - Math.Sqrt(f1));

        var unit = Hypervolume.Compute(front, [1, 1]);
        var wider = Hypervolume.Compute(front, [1.1, 1.1]);

        Assert.InRange(unit, (2.0 / 3) - 1e-5, 2.0 / 3);
        Assert.InRange(wider, (2.0 / 3) + 0.21 - 1e-5, (2.0 / 3) + 0.21);
        Assert.Equal(0.87667, wider, 4);
    }

    [Fact]
    public void Zdt2_sampled_finely_approaches_one_third()
    {
        var front = Curve(100_001, f1 => 1 - (f1 * f1));

        Assert.InRange(Hypervolume.Compute(front, [1, 1]), (1.0 / 3) - 1e-5, 1.0 / 3);
    }

    [Fact]
    public void Dtlz2_with_three_objectives_approaches_one_minus_pi_over_six()
    {
        // The unit sphere's positive octant on a 201 × 201 angular grid (40,401 points). The sampled
        // front covers less than the sphere; on this grid the shortfall is below 0.005.
        var points = new List<double[]>();
        const int steps = 200;
        for (var i = 0; i <= steps; i++)
        {
            for (var j = 0; j <= steps; j++)
            {
                var theta = Math.PI / 2 * i / steps;
                var phi = Math.PI / 2 * j / steps;
                points.Add([Math.Cos(theta) * Math.Cos(phi), Math.Cos(theta) * Math.Sin(phi), Math.Sin(theta)]);
            }
        }

        var volume = Hypervolume.Compute(points, [1, 1, 1]);

        Assert.InRange(volume, 1 - (Math.PI / 6) - 0.005, 1 - (Math.PI / 6));
    }

    [Fact]
    public void Dtlz1_with_three_objectives_approaches_0_97917()
    {
        // The plane f1 + f2 + f3 = 0.5 on a triangular grid; the exact value is 1 − 0.5³/6.
        var points = new List<double[]>();
        const int steps = 200;
        for (var i = 0; i <= steps; i++)
        {
            for (var j = 0; i + j <= steps; j++)
            {
                points.Add([0.5 * i / steps, 0.5 * j / steps, 0.5 * (steps - i - j) / steps]);
            }
        }

        var volume = Hypervolume.Compute(points, [1, 1, 1]);

        Assert.InRange(volume, 1 - (0.125 / 6) - 0.001, 1 - (0.125 / 6));
        Assert.Equal(0.97917, volume, 3);
    }

    private static List<double[]> Curve(int count, Func<double, double> f2) =>
        [.. Enumerable.Range(0, count).Select(i => (double)i / (count - 1)).Select(f1 => new[] { f1, f2(f1) })];

    private static double[][] Cyclic(int m) =>
        [.. Enumerable.Range(0, m).Select(shift => Enumerable.Range(0, m).Select(d => (double)(((d + shift) % m) + 1)).ToArray())];
}

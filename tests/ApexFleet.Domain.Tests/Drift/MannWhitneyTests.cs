using ApexFleet.Domain.Drift;

namespace ApexFleet.Domain.Tests.Drift;

/// <summary>SciPy's documentation example (docs/REFERENCES.md [R24], [R25]).</summary>
public class MannWhitneyTests
{
    private static readonly double[] X = [19, 22, 16, 29, 24];
    private static readonly double[] Y = [20, 11, 17, 12];

    [Fact]
    public void U_of_the_first_sample_is_17()
    {
        var result = MannWhitney.Test(X, Y);

        Assert.Equal(17, result.U);
        Assert.Equal(3, result.UOther);
    }

    [Fact]
    public void The_normal_approximation_without_continuity_correction_gives_0_08641()
    {
        var result = MannWhitney.Test(X, Y, MannWhitneyMethod.NormalApproximation);

        // SciPy prints 0.0864107329737; 5 digits checked here: z = 7/√(50/3), p = 2·(1 − Φ(z)).
        Assert.Equal(0.08641, result.PValue, 1e-5);
        Assert.Equal(MannWhitneyMethod.NormalApproximation, result.Method);
    }

    [Fact]
    public void The_exact_two_sided_p_for_u_3_with_5_and_4_values_is_one_ninth()
    {
        // P(U ≤ 3) = 7/126, doubled: 14/126 = 0.1111111 (exactly 1/9, as SciPy prints it).
        var result = MannWhitney.Test(Y, X, MannWhitneyMethod.Exact);

        Assert.Equal(3, result.U);
        Assert.Equal(1.0 / 9, result.PValue, 1e-15);
        Assert.Equal(0.1111111, result.PValue, 1e-7);
    }

    [Fact]
    public void Auto_is_exact_for_small_samples_without_ties_and_normal_otherwise()
    {
        Assert.Equal(MannWhitneyMethod.Exact, MannWhitney.Test(X, Y).Method);
        Assert.Equal(MannWhitneyMethod.NormalApproximation, MannWhitney.Test([1, 2, 2], [2, 3]).Method);
        var many = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        Assert.Equal(MannWhitneyMethod.NormalApproximation, MannWhitney.Test(many, many.Select(v => v + 0.5).ToArray()).Method);
    }

    [Fact]
    public void Ties_count_one_half_in_u()
    {
        // 3 > 2 twice, 2 = 2 four times (½ each), 1 and 2 below 4, 5, 6.
        Assert.Equal(4, MannWhitney.Test([1, 2, 2, 3], [2, 2, 4, 5, 6]).U);
    }

    [Fact]
    public void Empty_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MannWhitney.Test([], Y));
        Assert.Throws<ArgumentException>(() => MannWhitney.Test(X, [double.NaN]));
    }
}

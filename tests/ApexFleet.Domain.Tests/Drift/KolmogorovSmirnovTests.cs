using ApexFleet.Domain.Drift;

namespace ApexFleet.Domain.Tests.Drift;

/// <summary>Values checked against R's ks.test (docs/REFERENCES.md [R22], [R23], [R28]).</summary>
public class KolmogorovSmirnovTests
{
    private static readonly double[] X = [6, 7, 9, 13, 19, 21, 22, 23, 24];
    private static readonly double[] Y = [10, 11, 12, 16, 20, 27, 28, 32, 44, 54];

    [Fact]
    public void The_reference_vector_has_d_one_half_and_r_s_exact_p_value()
    {
        var result = KolmogorovSmirnov.Test(X, Y);

        Assert.Equal(0.5, result.Statistic);
        Assert.True(result.Exact);
        // R prints 0.105577085453247 (15 digits); the exact value is 9753/92378 = 0.10557708545324644…
        Assert.Equal(0.105577085453247, result.PValue, 1e-15);
        Assert.Equal(9753.0 / 92378, result.PValue, 1e-15);
    }

    [Fact]
    public void Swapping_the_samples_changes_nothing()
    {
        var forward = KolmogorovSmirnov.Test(X, Y);
        var backward = KolmogorovSmirnov.Test(Y, X);

        Assert.Equal(forward.Statistic, backward.Statistic);
        Assert.Equal(forward.PValue, backward.PValue, 1e-15);
    }

    [Fact]
    public void Two_by_two_separated_samples_have_p_one_third()
    {
        // Only 2 of the C(4, 2) = 6 interleavings reach D = 1: R's ks.test(1:2, 3:4) gives 0.3333.
        var result = KolmogorovSmirnov.Test([1, 2], [3, 4]);

        Assert.Equal(1.0, result.Statistic);
        Assert.Equal(1.0 / 3, result.PValue, 1e-15);
    }

    [Fact]
    public void The_asymptotic_p_value_of_the_reference_vector_is_the_kolmogorov_tail()
    {
        // Q(√(90/19)·0.5 = 1.08821…) from the alternating series in 30-digit arithmetic.
        Assert.Equal(0.187103193608708, KolmogorovSmirnov.AsymptoticPValue(0.5, 9, 10), 1e-14);
    }

    [Theory]
    [InlineData(0.3, 0.999990694198665)]
    [InlineData(0.5, 0.963945243664875)]
    [InlineData(1.0, 0.269999671677355)]
    [InlineData(2.0, 0.000670925255779695)]
    public void The_kolmogorov_tail_matches_high_precision_values_on_both_sides_of_lambda_one(double lambda, double expected)
    {
        // Expected: 30-digit evaluation of 2·Σ(−1)^(k−1)·e^(−2k²λ²); below λ = 1 the code sums the other series.
        Assert.Equal(expected, KolmogorovSmirnov.KolmogorovSurvival(lambda), 1e-14);
    }

    [Fact]
    public void The_critical_coefficient_for_five_percent_is_1_36()
    {
        var c = KolmogorovSmirnov.CriticalCoefficient(0.05);

        // The reference rounds c(0.05) to 1.36; the closed form is √(−ln(0.025)/2).
        Assert.Equal(1.36, c, 0.005);
        Assert.Equal(1.3581015157406195, c, 1e-15);
        // At c(α) the first term of the tail series is exactly α; the rest is −2·0.025⁴ + … .
        Assert.Equal(0.0499992187500076, KolmogorovSmirnov.KolmogorovSurvival(c), 1e-14);
    }

    [Fact]
    public void The_critical_value_scales_with_the_sample_sizes()
    {
        // c(0.05)·√(19/90): D = 0.5 is below it, so at 5% the reference samples do not differ.
        Assert.Equal(0.6240045834418775, KolmogorovSmirnov.CriticalValue(0.05, 9, 10), 1e-15);
    }

    [Fact]
    public void Large_or_tied_samples_use_the_asymptotic_p_value()
    {
        var large = Enumerable.Range(0, 100).Select(i => i + 0.5).ToArray();
        var other = Enumerable.Range(0, 100).Select(i => i + 0.25).ToArray();
        var big = KolmogorovSmirnov.Test(large, other);
        var tied = KolmogorovSmirnov.Test([1, 2, 2, 3], [2, 4, 5]);

        Assert.False(big.Exact);
        Assert.Equal(0.01, big.Statistic, 1e-15);
        Assert.Equal(KolmogorovSmirnov.AsymptoticPValue(0.01, 100, 100), big.PValue);
        Assert.False(tied.Exact);
        // After the tie at 2 (both copies counted): F₁ = 3/4, F₂ = 1/3; after 3: F₁ = 1, F₂ = 1/3.
        Assert.Equal(1 - (1.0 / 3), tied.Statistic, 1e-15);
    }
}

using ApexFleet.Domain.Privacy;

namespace ApexFleet.Domain.Tests.Privacy;

public class LaplaceMechanismTests
{
    [Fact]
    public void The_scale_is_sensitivity_over_epsilon_and_the_deviation_root_two_times_that()
    {
        var mechanism = new LaplaceMechanism(sensitivity: 1, epsilon: 0.5, new Random(1));

        Assert.Equal(2, mechanism.Scale);
        Assert.Equal(2 * Math.Sqrt(2), mechanism.StandardDeviation, 1e-15);
    }

    [Fact]
    public void A_draw_is_the_laplace_inverse_cdf_of_one_uniform_from_the_given_generator()
    {
        var mechanism = new LaplaceMechanism(1, 0.5, new Random(42));
        var u = new Random(42).NextDouble() - 0.5;

        // F⁻¹(u + ½) = −b·sign(u)·ln(1 − 2|u|) with b = 2.
        Assert.Equal(-2 * Math.Sign(u) * Math.Log(1 - (2 * Math.Abs(u))), mechanism.Noise(), 1e-15);
    }

    [Fact]
    public void The_same_seed_gives_the_same_noise()
    {
        var first = new LaplaceMechanism(1, 1, new Random(7));
        var second = new LaplaceMechanism(1, 1, new Random(7));

        Assert.Equal(Enumerable.Range(0, 5).Select(_ => first.Release(100)), Enumerable.Range(0, 5).Select(_ => second.Release(100)));
    }

    [Fact]
    public void Many_draws_have_mean_zero_and_variance_two_b_squared()
    {
        var mechanism = new LaplaceMechanism(1, 0.5, new Random(3));
        var draws = Enumerable.Range(0, 200_000).Select(_ => mechanism.Noise()).ToArray();
        var mean = draws.Average();
        var variance = draws.Select(d => (d - mean) * (d - mean)).Average();

        // Standard errors: mean √(8/200000) = 0.0063, variance √(20·b⁴/200000) = 0.04; tolerances are 5 of them.
        Assert.Equal(0, mean, 0.032);
        Assert.Equal(8, variance, 0.2);
    }

    [Fact]
    public void A_released_count_is_a_non_negative_integer()
    {
        var mechanism = new LaplaceMechanism(1, 0.1, new Random(5));

        Assert.All(Enumerable.Range(0, 1000).Select(_ => mechanism.ReleaseCount(0)), c => Assert.True(c >= 0));
    }

    [Fact]
    public void A_non_positive_epsilon_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaplaceMechanism(1, 0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LaplaceMechanism(-1, 1, new Random(1)));
    }
}

using ApexFleet.Domain.Drift;

namespace ApexFleet.Domain.Tests.Drift;

public class HodgesLehmannTests
{
    private static readonly double[] X = [19, 22, 16, 29, 24];
    private static readonly double[] Y = [20, 11, 17, 12];

    [Fact]
    public void The_reference_pair_has_shift_7_and_the_exact_95_percent_interval_from_minus_1_to_17()
    {
        // The 20 differences xᵢ − yⱼ sorted: −4, −1, −1, 2, 2, 4, 4, 5, 5, 7, 7, 8, 9, 10, 11, 12, 12, 13, 17, 18.
        // qwilcox(0.025, 5, 4) = 2, so the interval is [d₍₂₎, d₍₁₉₎], as R's wilcox.test(x, y, conf.int = TRUE).
        var estimate = HodgesLehmann.Estimate(X, Y);

        Assert.Equal(7, estimate.Estimate, 1e-12);
        Assert.Equal(-1, estimate.Lower, 1e-12);
        Assert.Equal(17, estimate.Upper, 1e-12);
        Assert.True(estimate.Exact);
        // 1 − 2·P(U ≤ 1) = 1 − 4/126.
        Assert.Equal(1 - (4.0 / 126), estimate.AchievedConfidence, 1e-15);
    }

    [Fact]
    public void The_shift_is_the_median_of_the_pairwise_differences()
    {
        Assert.Equal(7, HodgesLehmann.Shift(X, Y), 1e-12);
        Assert.Equal(-7, HodgesLehmann.Shift(Y, X), 1e-12);
    }

    [Fact]
    public void A_pure_shift_of_large_samples_is_found_exactly_with_a_symmetric_interval()
    {
        // 60 + 60 values: the normal-approximation ranks. Differences i − j − 10 are symmetric about −10.
        var x = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        var y = x.Select(v => v + 10).ToArray();
        var estimate = HodgesLehmann.Estimate(x, y);

        Assert.False(estimate.Exact);
        Assert.Equal(-10, estimate.Estimate, 1e-12);
        // Rank k = ⌈1800 − 1.96·√(3600·121/12) − ½⌉ = 1427: d₍₁₄₂₇₎ = −17, d₍₂₁₇₄₎ = −3 (counted by hand in Python).
        Assert.Equal(-17, estimate.Lower, 1e-12);
        Assert.Equal(-3, estimate.Upper, 1e-12);
    }

    [Fact]
    public void Thirty_two_values_each_still_get_exact_ranks()
    {
        // qwilcox(0.025, 32, 32) = 366 (the exact U distribution, which the normal rank also gives here):
        // d₍₃₆₆₎ = −15 and d₍₆₅₉₎ = −5 for differences i − j − 10.
        var x = Enumerable.Range(0, 32).Select(i => (double)i).ToArray();
        var estimate = HodgesLehmann.Estimate(x, x.Select(v => v + 10).ToArray());

        Assert.True(estimate.Exact);
        Assert.Equal(-15, estimate.Lower, 1e-12);
        Assert.Equal(-5, estimate.Upper, 1e-12);
        Assert.InRange(estimate.AchievedConfidence, 0.95, 0.96);
    }

    [Fact]
    public void Tiny_samples_cannot_reach_95_percent()
    {
        // C(5, 2) = 10 orderings: P(U = 0) = 0.1 > 0.025, so the interval is every difference at 80%.
        var estimate = HodgesLehmann.Estimate([1, 2], [3, 4, 5]);

        Assert.Equal(-4, estimate.Lower, 1e-12);
        Assert.Equal(-1, estimate.Upper, 1e-12);
        Assert.Equal(0.8, estimate.AchievedConfidence, 1e-15);
    }
}

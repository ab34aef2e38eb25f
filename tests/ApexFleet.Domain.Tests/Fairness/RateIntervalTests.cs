using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

public class RateIntervalTests
{
    // Expected values: the Wilson formula in double precision with z = 1.959963984540054 (the 0.975
    // normal quantile); they agree with statsmodels' proportion_confint(method="wilson"). MathNet's
    // quantile may differ from that z in the last bits, hence 1e-12.
    private const double Tolerance = 1e-12;

    [Fact]
    public void Three_of_four_has_the_textbook_wilson_interval()
    {
        var interval = RateInterval.Wilson(3, 4);

        Assert.Equal(0.300641842582402, interval.Lower, Tolerance);
        Assert.Equal(0.9544127391902995, interval.Upper, Tolerance);
    }

    [Fact]
    public void Zero_successes_start_exactly_at_zero_and_all_successes_end_exactly_at_one()
    {
        var none = RateInterval.Wilson(0, 10);
        var all = RateInterval.Wilson(10, 10);

        Assert.Equal(0.0, none.Lower);
        Assert.Equal(0.27753279986288915, none.Upper, Tolerance);
        Assert.Equal(1.0, all.Upper);
        Assert.Equal(1 - 0.27753279986288915, all.Lower, Tolerance);
    }

    [Fact]
    public void A_large_group_has_a_narrow_interval()
    {
        var interval = RateInterval.Wilson(15119, 21779);

        Assert.Equal(0.6880478993891671, interval.Lower, Tolerance);
        Assert.Equal(0.700285276335005, interval.Upper, Tolerance);
    }

    [Fact]
    public void No_trials_say_nothing()
    {
        Assert.Equal(new RateInterval(0, 1, 0.95), RateInterval.Wilson(0, 0));
    }

    [Fact]
    public void More_successes_than_trials_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RateInterval.Wilson(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => RateInterval.Wilson(1, 4, confidence: 1));
    }
}

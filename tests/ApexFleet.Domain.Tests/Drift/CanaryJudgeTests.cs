using ApexFleet.Domain.Drift;

namespace ApexFleet.Domain.Tests.Drift;

public class CanaryJudgeTests
{
    // 40 latencies between 9 and 11 ms, median 10: the band is ±2.5 ms at the default 25%.
    private static readonly double[] Control = Enumerable.Range(0, 40).Select(i => 9 + (i / 19.5)).ToArray();

    private static double[] Shifted(double by) => Control.Select(v => v + by).ToArray();

    [Fact]
    public void A_canary_clearly_above_the_band_is_high()
    {
        var judgement = CanaryJudge.Judge(Control, Shifted(5));

        Assert.Equal(CanaryVerdict.High, judgement.Verdict);
        Assert.Equal(5, judgement.Shift!.Estimate, 1e-12);
        Assert.Equal(2.5, judgement.Band, 1e-12);
        Assert.True(judgement.PValue < 1e-6);
    }

    [Fact]
    public void A_canary_clearly_below_the_band_is_low()
    {
        Assert.Equal(CanaryVerdict.Low, CanaryJudge.Judge(Control, Shifted(-5)).Verdict);
    }

    [Fact]
    public void An_unchanged_canary_passes()
    {
        var judgement = CanaryJudge.Judge(Control, Shifted(0.1));

        Assert.Equal(CanaryVerdict.Pass, judgement.Verdict);
        Assert.InRange(judgement.Shift!.Lower, -2.5, 2.5);
        Assert.InRange(judgement.Shift.Upper, -2.5, 2.5);
    }

    [Fact]
    public void Sparse_data_is_inconclusive_never_a_pass()
    {
        var judgement = CanaryJudge.Judge(Control.Take(19).ToArray(), Control.Take(19).ToArray());

        Assert.Equal(CanaryVerdict.Inconclusive, judgement.Verdict);
        Assert.Null(judgement.Shift);
        Assert.Equal("too few samples: control 19, canary 19, need 20 each", judgement.Reason);
    }

    [Fact]
    public void An_interval_straddling_the_band_edge_is_inconclusive()
    {
        // Shifted by exactly the band: the estimate sits on the edge, the interval on both sides of it.
        var judgement = CanaryJudge.Judge(Control, Shifted(2.5));

        Assert.Equal(CanaryVerdict.Inconclusive, judgement.Verdict);
        Assert.True(judgement.Shift!.Lower < 2.5 && judgement.Shift.Upper > 2.5);
        Assert.EndsWith("the interval straddles the band edge, more samples needed", judgement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_harmless_direction_is_not_judged()
    {
        var faster = Shifted(-5);

        Assert.Equal(CanaryVerdict.Pass, CanaryJudge.Judge(Control, faster, new CanaryJudgeOptions(Direction: ChangeDirection.Increase)).Verdict);
        Assert.Equal(CanaryVerdict.Low, CanaryJudge.Judge(Control, faster, new CanaryJudgeOptions(Direction: ChangeDirection.Decrease)).Verdict);
    }

    [Fact]
    public void Constant_samples_need_no_noise()
    {
        var five = Enumerable.Repeat(5.0, 30).ToArray();
        var ten = Enumerable.Repeat(10.0, 30).ToArray();

        Assert.Equal(CanaryVerdict.Pass, CanaryJudge.Judge(five, five).Verdict);
        var high = CanaryJudge.Judge(five, ten);
        Assert.Equal(CanaryVerdict.High, high.Verdict);
        Assert.Equal(5, high.Shift!.Lower);
        Assert.Equal(5, high.Shift.Upper);
    }

    [Fact]
    public void Samples_too_small_for_the_confidence_are_inconclusive()
    {
        var judgement = CanaryJudge.Judge([10, 11], [30, 31, 32], new CanaryJudgeOptions(MinSamples: 2));

        Assert.Equal(CanaryVerdict.Inconclusive, judgement.Verdict);
        Assert.Contains("too small to reach 95% confidence", judgement.Reason, StringComparison.Ordinal);
    }
}

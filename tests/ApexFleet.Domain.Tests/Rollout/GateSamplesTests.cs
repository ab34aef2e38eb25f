using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

public class GateSamplesTests
{
    [Theory]
    // crash_rate <= 0.01 ± 0.001: observed 0.001, worst end 0.021 must come in to 0.011, half the way: 4 × the samples.
    [InlineData(0.001, -0.019, 0.021, 0.01, 0.011, true, 4000)]
    // accuracy >= 0.90 ± 0.01: observed 0.95, worst end 0.83 must come up to 0.89: half the way.
    [InlineData(0.95, 0.83, 1.07, 0.90, 0.89, false, 4000)]
    // crash_rate observed 0.05: the best end −0.03 must pass 0.01 to fail it: half the way.
    [InlineData(0.05, -0.03, 0.13, 0.01, 0.011, true, 4000)]
    // An interval whose ends already sit past both edges yet undecided (the noise of private counts): the minimum stands.
    [InlineData(0.001, -0.005, 0.009, 0.01, 0.011, true, 500)]
    public void An_undecided_interval_needs_the_samples_that_shrink_it_until_an_end_clears_its_edge(
        double observed, double lower, double upper, double threshold, double clearlyHarmful, bool upperIsWorse, long needed)
    {
        var samples = GateSamples.Of("m", "fleet", 1000, 500, GateVerdict.Inconclusive, observed, lower, upper, threshold, clearlyHarmful, upperIsWorse);

        Assert.Equal(needed, samples.Needed);
    }

    [Fact]
    public void A_gate_short_of_its_minimum_needs_the_minimum_and_a_decided_one_nothing_more()
    {
        Assert.Equal(new GateSamples("m", "a", 200, 500), GateSamples.Of("m", "a", 200, 500, GateVerdict.Inconclusive, 0.001, -0.019, 0.021, 0.01, 0.011, true));
        Assert.False(GateSamples.Of("m", "a", 1000, 500, GateVerdict.Pass, 0.001, -0.001, 0.003, 0.01, 0.011, true).IsShort);
        Assert.True(GateSamples.Of("m", "a", 200, 500, GateVerdict.Inconclusive, double.NaN, double.NaN, double.NaN, 0.01, 0.011, true).IsShort);
    }
}

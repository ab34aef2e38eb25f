using ApexFleet.Domain.Privacy;

namespace ApexFleet.Domain.Tests.Privacy;

public class NoisyCountGateTests
{
    [Fact]
    public void Half_an_epsilon_needs_29_samples_for_the_noise_to_stay_within_ten_percent()
    {
        // b = 1/0.5 = 2, √2·b = 2.828…, / 0.1 = 28.28… → 29.
        Assert.Equal(29, NoisyCountGate.MinimumCount(sensitivity: 1, epsilon: 0.5));
    }

    [Fact]
    public void The_gate_minimum_is_raised_only_when_the_noise_needs_more()
    {
        Assert.Equal(29, NoisyCountGate.AdjustedMinSamples(20, 1, 0.5));
        Assert.Equal(300, NoisyCountGate.AdjustedMinSamples(300, 1, 0.5));
    }

    [Fact]
    public void A_rate_gate_needs_the_count_minimum_over_the_threshold()
    {
        // √2·1/1 / (0.1 · 0.001) = 14,142.1… → 14,143 inferences for a crash-rate gate at 0.001.
        Assert.Equal(14_143, NoisyCountGate.MinimumSamplesForRate(threshold: 0.001, sensitivity: 1, epsilon: 1));
    }

    [Fact]
    public void A_noise_fraction_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NoisyCountGate.MinimumCount(1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoisyCountGate.MinimumCount(1, 0, 0.1));
    }
}

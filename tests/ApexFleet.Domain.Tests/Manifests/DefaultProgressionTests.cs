using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

public class DefaultProgressionTests
{
    [Theory]
    [InlineData(RolloutStrategy.Canary, 5, new double[] { 5, 25, 50, 100 })]
    [InlineData(RolloutStrategy.Canary, 25, new double[] { 25, 50, 100 })]
    [InlineData(RolloutStrategy.Canary, 30, new double[] { 30, 50, 100 })]
    [InlineData(RolloutStrategy.Canary, 60, new double[] { 60, 100 })]
    [InlineData(RolloutStrategy.RollingUpdate, 25, new double[] { 25, 50, 75, 100 })]
    [InlineData(RolloutStrategy.RollingUpdate, 30, new double[] { 30, 60, 90, 100 })]
    [InlineData(RolloutStrategy.RollingUpdate, 5, new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 })]
    public void Stages_follow_the_strategy(RolloutStrategy strategy, double percentage, double[] expected)
    {
        Assert.Equal(expected, DefaultProgression.Percentages(strategy, percentage));
    }

    // Hand-computed with z = 1.96 (z² = 3.8416), rounded up.
    [Theory]
    [InlineData("latency_p95_ms", 50, 1825)]                    // 3.8416·0.95·0.05/0.01² = 1824.76
    [InlineData("latency_p50_ms", 50, 9604)]                    // 3.8416·0.25/0.01² = 9604
    [InlineData("latency_p99_ms", 80, 381)]                     // 3.8416·0.99·0.01/0.01² = 380.32
    [InlineData("peak_memory_p95_mb", 100, 1825)]               // a quantile like latency_p95_ms
    [InlineData("crash_rate", 0.001, 383776)]                   // 3.8416·0.999/(0.001·0.1²) = 383775.84
    [InlineData("cpu_limit_breach_share", 0.01, 381)]           // 3.8416·0.99/0.01 = 380.32: devices count once
    [InlineData("thermal_event_rate", 2, 193)]                  // a count ≥ 1 per sample: 3.8416/(2·0.1²) = 192.08
    [InlineData("conversion_rate_lift", 0.5, 76832)]            // 3.8416·2·¼/0.005² = 76832
    [InlineData("equalized_odds_difference", 0.1, 193)]         // 3.8416·2·¼/0.1² = 192.08
    [InlineData("battery_drain_increase_percent", 2, 19208)]    // 3.8416·2·1²/0.02² = 19208
    [InlineData("disparate_impact_ratio", 0.8, 769)]            // 3.8416·2·½/(½·0.1²) = 768.32
    [InlineData("output_psi", 0.1, 1800)]                       // 2·9/(0.1·0.1) = 1800
    public void Minimum_samples_come_from_the_gate_noise(string metric, double threshold, long expected)
    {
        Assert.Equal(expected, DefaultProgression.MinSamples(metric, threshold));
    }

    [Theory]
    [InlineData("crash_rate", 0)]
    [InlineData("conversion_rate_lift", 0)]
    public void A_threshold_of_zero_cannot_be_sized(string metric, double threshold)
    {
        Assert.Null(DefaultProgression.MinSamples(metric, threshold));
    }

    [Theory]
    [InlineData(76832, 5, 100_000, 60, 16)]     // 5,000 devices × 1/min = 5,000 a minute: 15.37 → 16
    [InlineData(383776, 5, 100_000, 60, 77)]    // 76.76 → 77
    [InlineData(76832, 25, 100_000, 60, 15)]    // 3.07 minutes: the 15-minute floor
    [InlineData(1825, 10, 1_000, 12, 92)]       // 100 devices × 0.2/min = 20 a minute: 91.25 → 92
    [InlineData(0, 100, 1_000, 12, 15)]         // a stage without gates still waits for installs and reports
    public void A_stage_bakes_until_its_devices_have_produced_the_samples(long samples, double percent, long devices, double perHour, double minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), DefaultProgression.BakeWindow(samples, percent, new FleetContext(devices, perHour)));
    }
}

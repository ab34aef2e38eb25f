using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostForecasterTests
{
    private static CostForecast Forecast() =>
        CostForecaster.Forecast(RolloutFixtures.TwoStages(), Canary(), Reach, Sizing, Prices) ?? throw new InvalidOperationException("no forecast");

    [Fact]
    public void Egress_is_the_bytes_per_phone_reached_times_the_phones_the_rollout_will_reach()
    {
        // Bytes: 34e6 + 25.5e6 (deltas) + 3.4e6 (the failed download) + 68e6 = 130.9e6 over 60 installs
        // that succeeded = 2,181,666.7 a phone; 900 phones reachable (1,000 less 100 not targeted):
        // 1,963.5e6 bytes = 1.9635 GB × 0.10 = 0.19635 USD.
        var forecast = Forecast();

        Assert.Equal(900, forecast.ReachDevices, 9);
        Assert.Equal(130.9e6 / 60, forecast.BytesPerDevice, 6);
        Assert.Equal(0.19635, forecast.EgressUsd.Value, 9);
        Assert.Equal(0.5, forecast.DeltaShare, 12);
        Assert.Equal(61, forecast.InstallsMeasured);
        Assert.True(forecast.EgressUsd.Low < forecast.EgressUsd.Value && forecast.EgressUsd.Value < forecast.EgressUsd.High);
    }

    [Fact]
    public void The_fallback_rate_is_weighted_by_each_cohorts_share_of_the_fleet_not_of_the_canary()
    {
        // a: 2 % on 600 of 900 phones, b: 6 % on 300: ⅔·0.02 + ⅓·0.06 = 0.0333… (the canary's own
        // pooled rate would be 800 / 20,000 = 4 %). Variance: (⅔)²·0.02·0.98/40 + (⅓)²·0.06·0.94/20.
        var forecast = Forecast();

        Assert.Equal(1.0 / 30, forecast.FallbackRate.Value, 12);
        var half = 1.959963984540054 * Math.Sqrt((4.0 / 9 * 0.02 * 0.98 / 40) + (1.0 / 9 * 0.06 * 0.94 / 20));
        Assert.Equal(0, forecast.FallbackRate.Low);
        Assert.Equal((1.0 / 30) + half, forecast.FallbackRate.High, 12);
    }

    [Fact]
    public void Rollout_fallbacks_follow_the_planned_exposure_and_the_monthly_rate_the_whole_fleet()
    {
        // Exposure: 10 % × 1 h + 100 % × 0 h = 0.1 h a phone; 900 × 10 inferences/h × 0.1 h = 900
        // inferences × 1/30 × 0.50/1,000 = 0.015 USD. Monthly: 900 × 10 × 730 = 6,570,000 inferences
        // → 109.5 USD, plus storage of the one variant: 3.4e6 B × 0.02 USD/GB = 0.000068 USD.
        var forecast = Forecast();

        Assert.Equal(0.1, CostForecaster.ExposureHours(RolloutFixtures.TwoStages()), 12);
        Assert.Equal(0.015, forecast.RolloutFallbackUsd.Value, 12);
        Assert.Equal(0.19635 + 0.015, forecast.RolloutUsd.Value, 9);
        Assert.Equal(109.5 + 0.000068, forecast.MonthlyUsd.Value, 9);
    }

    [Fact]
    public void Nothing_installed_yet_is_no_forecast()
    {
        var nothing = new RolloutSpend("r", "m", Domain.Rollout.RolloutLabels.None, []);

        Assert.Null(CostForecaster.Forecast(RolloutFixtures.TwoStages(), nothing, Reach, Sizing, Prices));
    }

    [Theory]
    [InlineData(0, 0, 3.688879454113936)] // −ln 0.025
    [InlineData(10, 4.795389, 18.390356)] // Garwood's table
    public void The_pooled_rate_has_the_exact_poisson_interval(long fallbacks, double low, double high)
    {
        var rate = CostForecaster.FallbackRate(fallbacks, 1000);

        Assert.Equal(fallbacks / 1000.0, rate.Value, 12);
        Assert.Equal(low / 1000, rate.Low, 8);
        Assert.Equal(high / 1000, rate.High, 8);
    }
}

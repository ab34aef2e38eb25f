using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostForecasterTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static CostForecast Forecast(TargetExposure exposure = default) =>
        CostForecaster.Forecast(RolloutFixtures.TwoStages(), Canary(), Reach, Sizing, Prices, exposure) ?? throw new InvalidOperationException("no forecast");

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
    public void Rollout_fallbacks_are_those_spent_plus_the_planned_phone_hours_left_at_the_measured_volume()
    {
        // Spent: 800 fall-backs × 0.50/1,000 = 0.40 USD. Measured: 20,000 inferences over 40 phone-hours
        // = 500 a phone-hour. Plan: 10 % × 1 h + 100 % × 0 h = 0.1 h a phone × 900 = 90 phone-hours, 50
        // left: 50 × 500 = 25,000 inferences × 1/30 × 0.50/1,000 = 0.41666… USD. Monthly runs at the
        // fleet's stated 10 a phone-hour: 900 × 10 × 730 = 6,570,000 inferences → 109.5 USD, plus
        // storage of the one variant: 3.4e6 B × 0.02 USD/GB = 0.000068 USD.
        var forecast = Forecast(new TargetExposure(40, At));

        Assert.Equal(0.1, CostForecaster.ExposureHours(RolloutFixtures.TwoStages()), 12);
        Assert.Equal(500, forecast.InferencesPerDeviceHour, 12);
        Assert.Equal(40, forecast.DeviceHoursMeasured, 12);
        Assert.Equal(0.40 + (25_000 / 30.0 * 0.0005), forecast.RolloutFallbackUsd.Value, 12);
        Assert.Equal(0.19635 + forecast.RolloutFallbackUsd.Value, forecast.RolloutUsd.Value, 9);
        Assert.Equal(109.5 + 0.000068, forecast.MonthlyUsd.Value, 9);
    }

    [Fact]
    public void A_rollout_past_its_planned_phone_hours_forecasts_what_it_spent()
    {
        var forecast = Forecast(new TargetExposure(120, At));

        Assert.Equal(new Estimate(0.40, 0.40, 0.40), forecast.RolloutFallbackUsd);
    }

    [Fact]
    public void Before_any_phone_hour_is_counted_the_plan_runs_at_the_fleets_stated_volume()
    {
        // 90 phone-hours × 10 = 900 inferences × 1/30 × 0.50/1,000 = 0.015 USD, after the 0.40 spent.
        var forecast = Forecast(default);

        Assert.Equal(10, forecast.InferencesPerDeviceHour, 12);
        Assert.Equal(0.40 + 0.015, forecast.RolloutFallbackUsd.Value, 12);
    }

    [Fact]
    public void Phone_hours_are_the_phones_on_the_new_version_at_each_count_times_the_hours_since_the_last()
    {
        var exposure = new TargetExposure(0, At)
            .Count(10, At.AddMinutes(30))
            .Count(40, At.AddMinutes(90))
            .Count(5, At.AddMinutes(60)); // a clock that went back counts nothing

        Assert.Equal(new TargetExposure(5 + 40, At.AddMinutes(90)), exposure);
        Assert.Equal(new TargetExposure(0, At), default(TargetExposure).Count(99, At));
        Assert.Null(default(TargetExposure).InferencesPerDeviceHour(100));
        Assert.Equal(20, exposure.InferencesPerDeviceHour(900));
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

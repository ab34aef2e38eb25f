using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostForecasterTests
{
    private static CostForecast Forecast(TargetExposure exposure = default, RolloutPosition? position = null) =>
        CostForecaster.Forecast(RolloutFixtures.TwoStages(), Canary(), Reach, Sizing, Prices, exposure, position ?? AtCanaryStart) ?? throw new InvalidOperationException("no forecast");

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
    public void The_rates_interval_comes_from_the_spread_between_the_phones_when_the_cohorts_counted_it()
    {
        // a: 40 phones of 5 in 250 (no spread; the Poisson floor 200 ÷ 10,000² stays). b: 10 phones of
        // 40 in 500 and 10 of 20 in 500: residuals ±10, Σ 2,000 ÷ 10,000² × 20/19. Bhatia–Davis would
        // have said 0.06·0.94/20, 134 times as much.
        var canary = Canary();
        var spreads = new Dictionary<string, PhoneSpread>
        {
            ["a"] = new(40 * 25, 40 * 1_250, 40 * 62_500),
            ["b"] = new((10 * 1_600) + (10 * 400), (10 * 40 * 500) + (10 * 20 * 500), 20 * 250_000),
        };
        canary = canary with { Lines = [.. canary.Lines.Select(l => l.Role == SpendRole.Target ? l with { Spread = spreads[l.Cohort] } : l)] };

        var forecast = CostForecaster.Forecast(RolloutFixtures.TwoStages(), canary, Reach, Sizing, Prices, default, AtCanaryStart)!;

        var half = 1.959963984540054 * Math.Sqrt((4.0 / 9 * 200 / 1e8) + (1.0 / 9 * 2_000 / 1e8 * 20 / 19));
        Assert.Equal(1.0 / 30, forecast.FallbackRate.Value, 12);
        Assert.Equal((1.0 / 30) - half, forecast.FallbackRate.Low, 12);
        Assert.Equal((1.0 / 30) + half, forecast.FallbackRate.High, 12);
    }

    [Fact]
    public void Rollout_fallbacks_are_those_spent_plus_the_stages_phone_hours_still_ahead_at_the_measured_volume()
    {
        // Spent: 800 fall-backs × 0.50/1,000 = 0.40 USD. Measured: 20,000 inferences over 40 phone-hours
        // = 500 a phone-hour. Half an hour into the canary's 1 h bake, 10 % of 900 phones have 0.5 h
        // to go and the last stage bakes 0 h: 45 phone-hours × 500 = 22,500 inferences × 1/30 × 0.50/1,000
        // = 0.375 USD. Monthly runs at the fleet's stated 10 a phone-hour: 900 × 10 × 730 = 6,570,000
        // inferences → 109.5 USD, plus storage of the one variant: 3.4e6 B × 0.02 USD/GB = 0.000068 USD.
        var forecast = Forecast(new TargetExposure(40, At, 40), Now(At.AddMinutes(30)));

        Assert.Equal(500, forecast.InferencesPerDeviceHour, 12);
        Assert.Equal(40, forecast.DeviceHoursMeasured, 12);
        Assert.Equal(0.40 + 0.375, forecast.RolloutFallbackUsd.Value, 12);
        Assert.Equal(0.19635 + forecast.RolloutFallbackUsd.Value, forecast.RolloutUsd.Value, 9);
        Assert.Equal(109.5 + 0.000068, forecast.MonthlyUsd.Value, 9);
    }

    [Fact]
    public void A_rollout_past_its_stages_bake_windows_forecasts_what_it_spent()
    {
        var forecast = Forecast(new TargetExposure(120, At, 120), Now(At.AddHours(2)));

        Assert.Equal(new Estimate(0.40, 0.40, 0.40), forecast.RolloutFallbackUsd);
    }

    [Fact]
    public void The_inferences_ahead_fall_back_at_their_own_cohorts_rate()
    {
        // b (6 %) is through and runs at 100 % until a (2 %) is, half an hour on: a 600 × 10 % × 0.5 h
        // × 500 = 15,000 inferences at 2 % = 300; b 300 × 100 % × 0.5 h × 500 = 75,000 at 6 % = 4,500.
        // 4,800 × 0.50/1,000 = 2.40 USD after the 0.40 spent (the fleet's 1/30 would say 1.50).
        var state = RolloutState.Start(At) with { Cohorts = new Dictionary<string, CohortProgress> { ["b"] = new(1, At, Done: true) } };

        var forecast = Forecast(new TargetExposure(40, At, 40), new RolloutPosition(state, At.AddMinutes(30), []));

        Assert.Equal(0.40 + 2.40, forecast.RolloutFallbackUsd.Value, 12);
        // Each cohort's rate's variance (no spread counted in these lines: r(1−r)/installs) times its inferences squared, priced.
        var half = 1.959963984540054 * Math.Sqrt((15_000.0 * 15_000 * 0.02 * 0.98 / 40) + (75_000.0 * 75_000 * 0.06 * 0.94 / 20)) * 0.0005;
        Assert.Equal(0.40 + 2.40 + half, forecast.RolloutFallbackUsd.High, 12);
    }

    [Fact]
    public void Before_any_phone_hour_is_counted_the_stages_run_at_the_fleets_stated_volume()
    {
        // 10 % × 1 h × 900 = 90 phone-hours × 10 = 900 inferences × 1/30 × 0.50/1,000 = 0.015 USD, after the 0.40 spent.
        var forecast = Forecast(default, AtCanaryStart);

        Assert.Equal(10, forecast.InferencesPerDeviceHour, 12);
        Assert.Equal(0.40 + 0.015, forecast.RolloutFallbackUsd.Value, 12);
    }

    [Fact]
    public void A_canary_in_a_quiet_hour_forecasts_the_busier_hours_ahead_by_the_fleets_usage_cycle()
    {
        // Use at 06:00 is half the stated volume, at 07:00 one and a half, at 20:00 three times (mean
        // 26/24). The canary (10 % of 900 phones, 06:00–07:00) ran 20,000 inferences in 90 phone-hours
        // worth 45 at the stated volume: 444.4 a phone-hour at weight 1, 222.2 as measured. Next, 50 %
        // bakes 07:00–08:00: 450 phone-hours at weight 1.5 = 675 × 444.4 = 300,000 inferences × 1/30 ×
        // 0.50/1,000 = 5.00 USD, after the 0.40 spent (a flat cycle would say 450 × 222.2 = 100,000: 1.67).
        // Monthly: 900 × 10 × 26/24 × 730 = 7,117,500 inferences → 118.625 USD, plus storage.
        var byHour = Enumerable.Repeat(1.0, 24).ToArray();
        (byHour[6], byHour[7], byHour[20]) = (0.5, 1.5, 3);
        var fleet = Sizing with { Usage = UsageCycle.Of(byHour) };
        var stages = RolloutFixtures.TwoStages() with
        {
            Stages = [RolloutFixtures.TwoStages().Stages[0], new RolloutStage("half", 50, TimeSpan.FromHours(1), []), RolloutFixtures.TwoStages().Stages[1]],
        };
        var exposure = new TargetExposure(0, At).Count(90, At.AddHours(1), fleet.Cycle);

        var forecast = CostForecaster.Forecast(stages, Canary(), Reach, fleet, Prices, exposure, Now(At.AddHours(1)))!;
        var flat = CostForecaster.Forecast(stages, Canary(), Reach, Sizing, Prices, new TargetExposure(0, At).Count(90, At.AddHours(1)), Now(At.AddHours(1)))!;

        Assert.Equal(new TargetExposure(90, At.AddHours(1), 45), exposure);
        Assert.Equal(20_000 / 90.0, forecast.InferencesPerDeviceHour, 9);
        Assert.Equal(0.40 + 5.0, forecast.RolloutFallbackUsd.Value, 9);
        Assert.Equal(0.40 + (5.0 / 3), flat.RolloutFallbackUsd.Value, 9);
        Assert.Equal(118.625 + 0.000068, forecast.MonthlyUsd.Value, 9);
    }

    [Fact]
    public void Phone_hours_are_the_phones_on_the_new_version_at_each_count_times_the_hours_since_the_last()
    {
        var exposure = new TargetExposure(0, At)
            .Count(10, At.AddMinutes(30))
            .Count(40, At.AddMinutes(90))
            .Count(5, At.AddMinutes(60)); // a clock that went back counts nothing

        Assert.Equal(new TargetExposure(5 + 40, At.AddMinutes(90), 5 + 40), exposure);
        Assert.Equal(new TargetExposure(0, At), default(TargetExposure).Count(99, At));
        Assert.Null(default(TargetExposure).InferencesPerDeviceHour(100));
        Assert.Null(default(TargetExposure).InferencesPerWeightedHour(100));
        Assert.Equal(20, exposure.InferencesPerDeviceHour(900));
    }

    [Fact]
    public void The_ramps_lag_is_the_phone_hours_asked_for_and_not_run_over_the_phones_that_run_it()
    {
        // 100 phones asked for from the start; 60 ran the first 30 min, 90 the next 30: 75 of 100 phone-hours.
        var exposure = new TargetExposure(0, At)
            .Count(60, At.AddMinutes(30), phonesOffered: 100)
            .Count(90, At.AddMinutes(60), phonesOffered: 100);

        Assert.Equal(100, exposure.OfferedHours, 9);
        Assert.Equal(75, exposure.DeviceHours, 9);
        // Hashing drew 90 phones, not 100: 90 phone-hours asked of them, 15 not run = 10 min each.
        Assert.Equal(10, exposure.RampLag(100, 90).TotalMinutes, 9);
        // All 100 drawn, 10 never came: 25 phone-hours over the 100 that will.
        Assert.Equal(15, exposure.RampLag(100, 100).TotalMinutes, 9);
        Assert.Equal(TimeSpan.Zero, exposure.RampLag(0, 90));
        Assert.Equal(TimeSpan.Zero, new TargetExposure(0, At).Count(90, At.AddHours(1)).RampLag(100, 90));
    }

    [Fact]
    public void A_count_stored_before_the_cycle_and_the_offers_were_counted_carries_what_ran_at_the_cycles_mean()
    {
        // 100 phone-hours stored with neither weighted nor offered hours; the cycle's mean is 0.5. Then
        // 10 phones, all asked for, run one hour of weight 0.5: 55 weighted hours, 110 offered, no lag.
        var cycle = UsageCycle.Of([.. Enumerable.Repeat(0.5, 24)]);
        var stored = new TargetExposure(100, At);

        var counted = stored.Count(10, At.AddHours(1), cycle, phonesOffered: 10);

        Assert.Equal(new TargetExposure(110, At.AddHours(1), 55, 110), counted);
        Assert.Equal(TimeSpan.Zero, counted.RampLag(10, 10));
        // Stored with weighted hours (before only the offers were counted): those are kept.
        Assert.Equal(80 + 5, new TargetExposure(100, At, 80).Count(10, At.AddHours(1), cycle, phonesOffered: 10).WeightedHours, 9);
        // Without offers to count, nothing is carried over.
        Assert.Equal(new TargetExposure(110, At.AddHours(1), 5), stored.Count(10, At.AddHours(1), cycle));
    }

    /// <summary>The canary, started at <see cref="CostFixtures.At"/>, with no gate short of samples.</summary>
    private static RolloutPosition Now(DateTimeOffset now) => RolloutPosition.Starting(At) with { Now = now };

    [Fact]
    public void Nothing_installed_yet_is_no_forecast()
    {
        var nothing = new RolloutSpend("r", "m", Domain.Rollout.RolloutLabels.None, []);

        Assert.Null(CostForecaster.Forecast(RolloutFixtures.TwoStages(), nothing, Reach, Sizing, Prices, default, AtCanaryStart));
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

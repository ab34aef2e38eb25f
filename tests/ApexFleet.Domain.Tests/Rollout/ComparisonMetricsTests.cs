using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Tests.Rollout;

public class ComparisonMetricsTests
{
    [Fact]
    public void Conversion_lift_is_the_difference_in_points_with_Newcombes_hybrid_score_interval()
    {
        // Newcombe (1998) [R100], example (a): 56/70 against 48/80, method 10 gives 0.0524 to 0.3339.
        var lift = GateMetrics.Observe(
            "conversion_rate_lift",
            VariantMetrics.Of(new TelemetryCounters { Sessions = 70, Conversions = 56 }),
            VariantMetrics.Of(new TelemetryCounters { Sessions = 80, Conversions = 48 }));

        Assert.Equal(20, lift.Value, 9);
        Assert.Equal(5.24, lift.Lower, 2);
        Assert.Equal(33.39, lift.Upper, 2);
        Assert.Equal(70, lift.Samples);
    }

    [Fact]
    public void Conversion_lift_needs_sessions_on_both_sides()
    {
        var target = VariantMetrics.Of(new TelemetryCounters { Sessions = 70, Conversions = 56 });

        Assert.True(double.IsNaN(GateMetrics.Observe("conversion_rate_lift", target, null).Value));
        Assert.True(double.IsNaN(GateMetrics.Observe("conversion_rate_lift", target, new VariantMetrics()).Value));
    }

    [Fact]
    public void Battery_drain_increase_is_relative_to_the_previous_version_with_a_delta_method_interval()
    {
        // Drains 2.0, 2.2, 1.8, 2.0 %/h against 1.0, 1.0, 1.2, 0.8: means 2 and 1, both variances 0.08/3.
        // Ratio 2 (+100 %); relative error √(v/(4·2²) + v/(4·1²)) = 0.0913, so ±1.96·2·0.0913 = ±0.358.
        var target = VariantMetrics.Of(new TelemetryCounters { Reports = 4, BatteryDrainPercentPerHour = 8.0, BatteryDrainSquaredMilli = 16_080, BatteryReadings = 4 });
        var baseline = VariantMetrics.Of(new TelemetryCounters { Reports = 4, BatteryDrainPercentPerHour = 4.0, BatteryDrainSquaredMilli = 4_080, BatteryReadings = 4 });

        var increase = GateMetrics.Observe("battery_drain_increase_percent", target, baseline);

        Assert.Equal(100, increase.Value, 9);
        Assert.Equal(64.216, increase.Lower, 3);
        Assert.Equal(135.784, increase.Upper, 3);
        Assert.Equal(4, increase.Samples);
    }

    [Fact]
    public void Battery_drain_increase_counts_only_the_reports_that_read_a_battery()
    {
        // The same drains as above, each side with 3 more reports from hosts without a battery: still
        // means 2 and 1 over 4 readings each, so the same +100 % [64.216, 135.784].
        var target = VariantMetrics.Of(new TelemetryCounters { Reports = 7, BatteryDrainPercentPerHour = 8.0, BatteryDrainSquaredMilli = 16_080, BatteryReadings = 4 });
        var baseline = VariantMetrics.Of(new TelemetryCounters { Reports = 7, BatteryDrainPercentPerHour = 4.0, BatteryDrainSquaredMilli = 4_080, BatteryReadings = 4 });
        var unread = VariantMetrics.Of(new TelemetryCounters { Reports = 7 });

        var increase = GateMetrics.Observe("battery_drain_increase_percent", target, baseline);

        Assert.Equal((100, 64.216, 135.784, 4L), (Math.Round(increase.Value, 9), Math.Round(increase.Lower, 3), Math.Round(increase.Upper, 3), increase.Samples));
        Assert.Equal(Observation.None, GateMetrics.Observe("battery_drain_increase_percent", unread, baseline));
        Assert.Equal(Observation.None, GateMetrics.Observe("battery_drain_increase_percent", target, unread));
    }

    [Fact]
    public void Disparate_impact_is_the_lowest_selection_rate_over_the_highest_bounded_by_Wilson_intervals()
    {
        // Selection rates 0.5 and 0.4: ratio 0.8. Wilson 95 %: 0.5 → [0.4038, 0.5962], 0.4 → [0.3094, 0.4980].
        var metrics = new VariantMetrics();
        metrics.AddOutcomes("north", new(30, 20, 40, 10));
        metrics.AddOutcomes("south", new(25, 15, 50, 10));

        var impact = GateMetrics.Observe("disparate_impact_ratio", metrics);

        Assert.Equal(0.8, impact.Value, 12);
        Assert.Equal(0.51898, impact.Lower, 5);
        Assert.Equal(1, impact.Upper, 12);
        Assert.Equal(100, impact.Samples);
    }

    [Fact]
    public void Cpu_limit_breach_share_counts_devices_not_reports()
    {
        var metrics = VariantMetrics.Of(new TelemetryCounters { Reports = 5_000, CpuLimitBreaches = 40, DevicesOverCpuLimit = 3 }, installedDevices: 200);

        var share = GateMetrics.Observe("cpu_limit_breach_share", metrics);

        Assert.Equal(0.015, share.Value, 12);
        Assert.Equal(0.005114, share.Lower, 6);
        Assert.Equal(0.043166, share.Upper, 6);
        Assert.Equal(200, share.Samples);
    }

    [Fact]
    public void Peak_memory_p95_is_a_quantile_of_the_peaks_not_their_mean()
    {
        var metrics = new VariantMetrics();
        for (var i = 0; i < 900; i++)
        {
            metrics.Record(new TelemetryCounters { Reports = 1, PeakMemoryMb = 40 }, "north", [], []);
        }

        for (var i = 0; i < 100; i++)
        {
            metrics.Record(new TelemetryCounters { Reports = 1, PeakMemoryMb = 200 }, "north", [], []);
        }

        var p95 = GateMetrics.Observe("peak_memory_p95_mb", metrics);
        var mean = GateMetrics.Observe("peak_memory_mb", metrics);

        Assert.Equal(56, mean.Value, 9);
        Assert.InRange(p95.Value, 196, 204);
        Assert.InRange(p95.Lower, 196, 204);
        Assert.Equal(1000, p95.Samples);
    }
}

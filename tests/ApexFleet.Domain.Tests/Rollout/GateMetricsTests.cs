using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;

namespace ApexFleet.Domain.Tests.Rollout;

public class GateMetricsTests
{
    private static VariantMetrics Sample() => new()
    {
        Reports = 4,
        Inferences = 1000,
        Crashes = 3,
        InstallAttempts = 50,
        InstallFailures = 2,
        EnergyMicroJoules = FixedPoint.ToMicros(1234.5),
        BatteryDrainMicroPercentPerHour = FixedPoint.ToMicros(10),
        ThermalEvents = 1,
    };

    [Theory]
    [InlineData("crash_rate", 0.003, 1000)]
    [InlineData("install_failure_rate", 0.04, 50)]
    [InlineData("energy_mj", 1.2345, 1000)]
    [InlineData("battery_drain_pct_per_hour", 2.5, 4)]
    [InlineData("thermal_event_rate", 0.25, 4)]
    public void Each_metric_reads_its_value_and_sample_size(string metric, double value, long samples)
    {
        var observation = GateMetrics.Observe(metric, Sample());
        Assert.Equal(value, observation.Value, 12);
        Assert.Equal(samples, observation.Samples);
    }

    [Fact]
    public void Merging_adds_every_counter()
    {
        var total = VariantMetrics.MergeAll([Sample(), Sample()]);
        Assert.Equal(2000, total.Inferences);
        Assert.Equal(0.003, GateMetrics.Observe("crash_rate", total).Value, 12);
    }

    [Fact]
    public void A_gate_with_no_data_is_inconclusive_not_a_pass()
    {
        var result = GateResult.Judge(new GateSpec("latency_p95_ms", ComparisonOperator.LessOrEqual, 10, 1, GateScope.Cohort), "a", new VariantMetrics());
        Assert.Equal(GateVerdict.Inconclusive, result.Verdict);
        Assert.Equal(0, result.Samples);
    }

    [Fact]
    public void Unknown_metrics_are_refused_with_the_known_list()
    {
        var ex = Assert.Throws<ArgumentException>(() => GateMetrics.Observe("latency", Sample()));
        Assert.Contains("latency_p95_ms", ex.Message, StringComparison.Ordinal);
    }
}

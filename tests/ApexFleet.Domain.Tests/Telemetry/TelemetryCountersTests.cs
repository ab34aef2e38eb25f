using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Tests.Telemetry;

public class TelemetryCountersTests
{
    [Fact]
    public void Every_counter_has_one_rule_in_its_own_slot()
    {
        var counters = Enum.GetValues<TelemetryCounter>();
        Assert.Equal(TelemetryCounters.Count, counters.Length);
        Assert.Equal(counters, TelemetryCounters.Rules.Select(r => r.Counter));
        Assert.Equal(counters.Length, TelemetryCounters.Rules.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Adding_sums_every_slot_exactly()
    {
        var a = new TelemetryCounters { Reports = 1, Inferences = 10, EnergyMillijoules = 1.5, Crashes = 2, Outcomes = new(1, 2, 3, 4), BytesDownloadedDelta = 7, Sessions = 4, Conversions = 1 };
        var b = new TelemetryCounters { Reports = 2, Inferences = 5, EnergyMillijoules = 0.25, PeakMemoryMb = 12, Outcomes = new(1, 0, 0, 1), InstallFailures = 1, Sessions = 3, DevicesNotTargeted = 1 };

        var sum = a + b;

        Assert.Equal(
            [3, 15, 1_750_000, 12_000_000, 0, 0, 2, 2, 2, 3, 5, 0, 0, 7, 0, 1, 0, 7, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
            Enum.GetValues<TelemetryCounter>().Select(c => sum[c]));
        Assert.Equal(new ConfusionCounts(2, 2, 3, 5), sum.Outcomes);
        Assert.Equal(1.75, sum.EnergyMillijoules);
    }

    [Fact]
    public void Stored_counters_from_before_a_counter_existed_read_it_as_zero()
    {
        var read = TelemetryCounters.FromArray([4, 40]);

        Assert.Equal((4L, 40L, 0L), (read.Reports, read.Inferences, read.InstallFailures));
        Assert.Equal(read, TelemetryCounters.FromArray(read.ToArray()));
        Assert.Throws<ArgumentException>(() => TelemetryCounters.FromArray(new long[TelemetryCounters.Count + 1]));
    }

    [Fact]
    public void Stored_counters_from_before_readings_were_counted_had_a_battery_and_thermal_reading_per_report()
    {
        var old = new long[(int)TelemetryCounter.BatteryReadings];
        old[(int)TelemetryCounter.Reports] = 4;
        old[(int)TelemetryCounter.BatteryDrainMicroPercentPerHour] = 10_000_000;
        var current = TelemetryCounters.FromArray(new TelemetryCounters { Reports = 4, BatteryDrainPercentPerHour = 10, BatteryReadings = 1 }.ToArray());

        var read = TelemetryCounters.FromArray(old);

        Assert.Equal((4L, 4L), (read.BatteryReadings, read.ThermalReadings));
        Assert.Equal((1L, 0L), (current.BatteryReadings, current.ThermalReadings));
    }

    [Theory]
    [InlineData("energy_mj", 0.0125, 400)]
    [InlineData("crash_rate", 0.005, 400)]
    [InlineData("install_failure_rate", 0.25, 4)]
    [InlineData("battery_drain_pct_per_hour", 2, 6)]
    [InlineData("peak_memory_mb", 36.5, 8)]
    [InlineData("thermal_event_rate", 0.75, 4)]
    [InlineData("npu_share", 0.75, 400)]
    public void Ratio_metrics_divide_their_counters_with_the_denominator_as_samples(string metric, double value, long samples)
    {
        var counters = new TelemetryCounters
        {
            Reports = 8,
            Inferences = 400,
            EnergyMillijoules = 5,
            Crashes = 2,
            InstallAttempts = 4,
            InstallFailures = 1,
            BatteryDrainPercentPerHour = 12,
            BatteryReadings = 6,
            PeakMemoryMb = 292,
            ThermalEvents = 3,
            ThermalReadings = 4,
            NpuInferences = 300,
        };

        var (observed, n) = counters.Ratio(TelemetryCounters.Ratios.Single(r => r.Metric == metric));

        Assert.Equal(value, observed, 12);
        Assert.Equal(samples, n);
    }

    [Fact]
    public void A_ratio_without_samples_is_not_a_number()
    {
        var (value, samples) = default(TelemetryCounters).Ratio(TelemetryCounters.Ratios[0]);
        Assert.True(double.IsNaN(value));
        Assert.Equal(0, samples);
    }

    [Fact]
    public void A_report_names_the_first_counter_it_may_not_carry()
    {
        Assert.Null(new TelemetryCounters { Crashes = 3, EnergyMillijoules = 2 }.ProblemInReport());
        Assert.Equal("crashes = -1 is negative", new TelemetryCounters { Crashes = -1 }.ProblemInReport());
        Assert.Equal("batteryDrainPercentPerHour = 101 is outside 0..100", new TelemetryCounters { BatteryDrainPercentPerHour = 101 }.ProblemInReport());
        Assert.Equal("peakMemoryMb = -2 is outside 0..1000000", new TelemetryCounters { PeakMemoryMb = -2 }.ProblemInReport());
        Assert.Equal(
            "inferences = 5 is counted by the device from the report itself; leave it 0",
            new TelemetryCounters { Inferences = 5 }.ProblemInReport());
    }

    [Fact]
    public void A_report_reads_a_battery_or_the_temperature_once_and_carries_no_measure_without_a_reading()
    {
        Assert.Null(new TelemetryCounters { ThermalEvents = 2, ThermalReadings = 1 }.ProblemInReport());
        Assert.Equal(
            "thermalEvents = 2 given with thermalReadings = 0; a report without a reading carries no thermalEvents",
            new TelemetryCounters { ThermalEvents = 2 }.ProblemInReport());
        Assert.Null(new TelemetryCounters { BatteryDrainPercentPerHour = 3, BatteryReadings = 1 }.ProblemInReport());
        Assert.Null(new TelemetryCounters { BatteryReadings = 1 }.ProblemInReport());
        Assert.Equal("batteryReadings = 2 is more than one report may carry (1)", new TelemetryCounters { BatteryReadings = 2 }.ProblemInReport());
        Assert.Equal(
            "batteryDrainPercentPerHour = 3 given with batteryReadings = 0; a report without a reading carries no batteryDrainPercentPerHour",
            new TelemetryCounters { BatteryDrainPercentPerHour = 3 }.ProblemInReport());
    }

    [Theory]
    [InlineData("{\"crashes\":1}", 0, 0)]                                                  // no battery: absent, not 0 %/h
    [InlineData("{\"batteryDrainPercentPerHour\":0}", 0, 1)]                                // a battery that drained nothing
    [InlineData("{\"batteryDrainPercentPerHour\":2.5}", 2.5, 1)]
    [InlineData("{\"batteryDrainPercentPerHour\":2.5,\"batteryReadings\":0}", 2.5, 0)]     // said outright; the device refuses it
    [InlineData("{\"reports\":5,\"batteryDrainPercentPerHour\":7.5}", 7.5, 5)]             // totals written before readings were counted
    public void In_json_a_drain_left_out_is_no_reading(string json, double drain, long readings)
    {
        var read = System.Text.Json.JsonSerializer.Deserialize<TelemetryCounters>(json);

        Assert.Equal((drain, readings), (read.BatteryDrainPercentPerHour, read.BatteryReadings));
    }

    [Theory]
    [InlineData("{\"crashes\":1}", 0, 0)]
    [InlineData("{\"thermalEvents\":0}", 0, 1)]
    [InlineData("{\"thermalEvents\":1,\"thermalReadings\":1}", 1, 1)]
    public void In_json_thermal_events_left_out_are_no_reading(string json, long events, long readings)
    {
        var read = System.Text.Json.JsonSerializer.Deserialize<TelemetryCounters>(json);

        Assert.Equal((events, readings), (read.ThermalEvents, read.ThermalReadings));
    }

    [Fact]
    public void In_json_each_counter_is_a_property_by_its_name_in_its_own_unit()
    {
        var counters = new TelemetryCounters { Reports = 2, EnergyMillijoules = 1.25, Outcomes = new(3, 0, 1, 0) };

        var json = System.Text.Json.JsonSerializer.Serialize(counters);

        Assert.StartsWith("{\"reports\":2,\"inferences\":0,\"energyMillijoules\":1.25,", json, StringComparison.Ordinal);
        Assert.Contains("\"truePositives\":3,", json, StringComparison.Ordinal);
        Assert.Equal(counters, System.Text.Json.JsonSerializer.Deserialize<TelemetryCounters>(json));
    }
}

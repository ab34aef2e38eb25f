using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Agent.Tests;

public class TelemetryPeriodTests
{
    private static readonly ModelSlot Digits = new("digits", "1.0.0", Precision.Int8);

    [Fact]
    public void A_period_with_a_drain_and_thermal_zones_carries_one_reading_of_each()
    {
        var period = new TelemetryPeriod(Digits);
        period.Inferred(2.5, correct: true);

        var report = period.Close(7, DateTimeOffset.UnixEpoch, 120, 15, 1);

        Assert.Equal((7L, 15.0, 1L, 120.0), (report.Sequence, report.Counters.BatteryDrainPercentPerHour, report.Counters.BatteryReadings, report.Counters.PeakMemoryMb));
        Assert.Equal((1L, 1L), (report.Counters.ThermalEvents, report.Counters.ThermalReadings));
        Assert.Null(report.Counters.ProblemInReport());
    }

    [Fact]
    public void A_period_without_a_drain_or_thermal_zones_carries_no_reading_and_no_invented_zero()
    {
        var period = new TelemetryPeriod(Digits);
        period.Inferred(2.5, correct: false);

        var report = period.Close(8, DateTimeOffset.UnixEpoch, 120, null, null);

        Assert.Equal((0.0, 0L), (report.Counters.BatteryDrainPercentPerHour, report.Counters.BatteryReadings));
        Assert.Equal((0L, 0L), (report.Counters.ThermalEvents, report.Counters.ThermalReadings));
        Assert.Null(report.Counters.ProblemInReport());
    }
}

using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains.Tests;

[Collection(FleetClusterCollection.Name)]
public class DeviceGrainTests(FleetClusterFixture fleet)
{
    private static readonly ModelSlot V1 = new("m", "1.0.0", Precision.Int8);

    private static TelemetryReport Report(long sequence, params float[] latencies) => new()
    {
        Sequence = sequence,
        At = DateTimeOffset.UnixEpoch,
        Running = V1,
        LatenciesMs = latencies,
        Counters = new() { EnergyMillijoules = 3, Crashes = 1, Outcomes = new(2, 0, 0, 1) },
    };

    private async Task<IDeviceGrain> EnrolledAsync(string id, string chipset)
    {
        var device = fleet.Grains.GetGrain<IDeviceGrain>(id);
        await device.Enroll(new DeviceProfile(chipset, chipset, "low", "android", "15", "eu", "7.4.0", "south"), V1);
        return device;
    }

    [Fact]
    public async Task A_report_updates_the_device_and_after_a_flush_its_cohort()
    {
        var device = await EnrolledAsync("dg-1", "cohort-dg-1");

        var directive = await device.Report(Report(1, 1, 2, 3));
        await fleet.FlushAsync();

        Assert.True(directive.Accepted);
        var snapshot = await device.GetSnapshot();
        Assert.Equal(3, snapshot.Counters.Inferences);
        // A phone keeps its own latencies at 5%: 2 ms lands in bucket 7, represented by 0.95·γ^7.
        Assert.Equal(0.95 * Math.Pow(1.05 / 0.95, 7), snapshot.LatencyP50Ms, 12);
        Assert.Equal(1.0, snapshot.Rates["energy_mj"], 12);
        Assert.Equal(new ConfusionCounts(2, 0, 0, 1), snapshot.Counters.Outcomes);
        Assert.Equal("cohort-dg-1", snapshot.Cohort);

        var cohort = await fleet.Grains.GetGrain<ICohortGrain>("cohort-dg-1").GetSnapshot();
        Assert.Equal(1, cohort.Devices);
        var variant = Assert.Single(cohort.Variants);
        Assert.Equal("m@1.0.0/INT8", variant.Variant);
        Assert.Equal((1L, 1L, 3L), (variant.InstalledDevices, variant.Reports, variant.Inferences));
        Assert.Equal(1.0 / 3, variant.CrashRate, 12);
    }

    [Fact]
    public async Task Duplicate_reports_never_count_twice_and_a_late_one_counts_once()
    {
        var device = await EnrolledAsync("dg-2", "cohort-dg-2");

        Assert.True((await device.Report(Report(1, 5))).Accepted);
        var duplicate = await device.Report(Report(1, 5));
        Assert.True((await device.Report(Report(3, 5, 5))).Accepted);
        var late = await device.Report(Report(2, 5, 5, 5));
        var lateAgain = await device.Report(Report(2, 5, 5, 5));
        await fleet.FlushAsync();

        Assert.False(duplicate.Accepted);
        Assert.Equal(("sequence 1 was already taken (last 1); ignored", RejectionReason.Duplicate), (duplicate.RejectionReason, duplicate.Rejection));
        Assert.True(late.Accepted);
        Assert.Equal(("sequence 2 was already taken (last 3); ignored", RejectionReason.Duplicate), (lateAgain.RejectionReason, lateAgain.Rejection));
        var snapshot = await device.GetSnapshot();
        Assert.Equal((3L, 6L, 3L), (snapshot.Counters.Reports, snapshot.Counters.Inferences, snapshot.LastSequence));
        var cohort = await fleet.Grains.GetGrain<ICohortGrain>("cohort-dg-2").GetSnapshot();
        Assert.Equal(6, Assert.Single(cohort.Variants).Inferences);
    }

    [Fact]
    public async Task Invalid_values_are_rejected_with_a_reason_and_never_stored()
    {
        var device = await EnrolledAsync("dg-3", "cohort-dg-3");

        var nan = await device.Report(Report(1, 1, float.NaN));
        var negative = await device.Report(Report(2, 1) with { Counters = new() { BatteryDrainPercentPerHour = -4 } });
        Assert.True((await device.Report(Report(3, 7))).Accepted);
        await fleet.FlushAsync();

        Assert.False(nan.Accepted);
        Assert.Equal("latenciesMs[1] = NaN is not a latency between 0 and 600000 ms", nan.RejectionReason);
        Assert.Equal("batteryDrainPercentPerHour = -4 is outside 0..100", negative.RejectionReason);
        var snapshot = await device.GetSnapshot();
        Assert.Equal((1L, 2L, 1L), (snapshot.Counters.Reports, snapshot.RejectedReports, snapshot.Counters.Inferences));
        Assert.Equal(3, snapshot.LastSequence);
        Assert.Equal(1, Assert.Single((await fleet.Grains.GetGrain<ICohortGrain>("cohort-dg-3").GetSnapshot()).Variants).Inferences);
    }

    [Fact]
    public async Task A_device_that_never_enrolled_is_told_so()
    {
        var directive = await fleet.Grains.GetGrain<IDeviceGrain>("dg-stranger").Report(Report(1, 1));

        Assert.False(directive.Accepted);
        Assert.StartsWith("device is not enrolled", directive.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enrolling_twice_counts_the_device_once()
    {
        await EnrolledAsync("dg-4", "cohort-dg-4");
        await EnrolledAsync("dg-4", "cohort-dg-4");
        await fleet.FlushAsync();

        var cohort = await fleet.Grains.GetGrain<ICohortGrain>("cohort-dg-4").GetSnapshot();
        Assert.Equal(1, cohort.Devices);
        Assert.Equal(1, Assert.Single(cohort.Variants).InstalledDevices);
    }
}

using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;

using static ApexFleet.Domain.Tests.Devices.DeviceFixtures;

namespace ApexFleet.Domain.Tests.Devices;

/// <summary>Issue 19's reports, each refused with its reason and without changing the device, or taken once.</summary>
public class HostileReportTests
{
    /// <summary>What a refused report must leave as it was.</summary>
    private static (TelemetryCounters, SequenceWindow, ModelRef?, InstallState) Kept(Device device) =>
        (device.Counters, device.Sequences, device.Installed, device.InstallState);

    private static ReportOutcome Refused(Device device, DeviceReading reading, RejectionReason reason)
    {
        var before = Kept(device);
        var outcome = device.Accept(reading, new Context());
        Assert.Equal((false, reason), (outcome.IsAccepted, outcome.Reason));
        Assert.True(outcome.Contribution.IsEmpty);
        Assert.Equal(before, Kept(device));
        return outcome;
    }

    [Fact]
    public void Absurd_but_finite_energy_is_refused_per_report()
    {
        var device = Enrolled();

        var outcome = Refused(device, Reading(1, counters: new() { EnergyMillijoules = 1e12 }, latencies: [3]), RejectionReason.InvalidValue);

        Assert.Equal("energyMillijoules = 1000000000000 is outside 0..100000000", outcome.Rejection);
        Assert.Equal(1, device.RejectedReports);
    }

    [Fact]
    public void A_count_beyond_what_one_report_holds_is_refused()
    {
        var outcome = Refused(Enrolled(), Reading(1, counters: new() { Sessions = 1_000_000_001 }, latencies: [3]), RejectionReason.InvalidValue);

        Assert.Equal("sessions = 1000000001 is more than one report may carry (1000000000)", outcome.Rejection);
    }

    [Fact]
    public void A_report_that_would_overflow_a_total_is_refused_and_the_total_stays()
    {
        var device = Enrolled();
        device.Counters.CloudFallbacks = long.MaxValue - 10;

        var outcome = Refused(device, Reading(1, counters: new() { CloudFallbacks = 11 }, latencies: [3]), RejectionReason.Overflow);

        Assert.Equal("cloudFallbacks would overflow the device's total; the report is not counted", outcome.Rejection);
        Assert.True(device.Accept(Reading(1, counters: new() { CloudFallbacks = 10 }, latencies: [3]), new Context()).IsAccepted);
        Assert.Equal(long.MaxValue, device.Counters.CloudFallbacks);
    }

    [Fact]
    public void Cohort_sums_stop_at_the_end_of_a_long_instead_of_going_negative()
    {
        var total = new TelemetryCounters { EnergyMillijoules = 9e12, Crashes = long.MaxValue - 1 };
        total.Add(new TelemetryCounters { EnergyMillijoules = 9e12, Crashes = 5 });
        var low = new TelemetryCounters { Crashes = long.MinValue + 1 };
        low.Add(new TelemetryCounters { Crashes = -5 });

        // 9e12 mJ is 9e18 µJ: twice that passes long.MaxValue (9.22e18).
        Assert.Equal((long.MaxValue, long.MaxValue, long.MinValue), (total[TelemetryCounter.EnergyMicroJoules], total.Crashes, low.Crashes));
    }

    [Fact]
    public void More_crashes_than_inferences_are_refused()
    {
        var outcome = Refused(Enrolled(), Reading(1, counters: new() { Crashes = 3 }, latencies: [2, 4]), RejectionReason.CrashesExceedInferences);

        Assert.Equal("crashes = 3 exceeds the report's 2 inferences (one per latency); a crash ends an inference", outcome.Rejection);
    }

    [Fact]
    public void A_report_for_a_model_the_device_does_not_run_is_refused()
    {
        var device = Enrolled();

        var outcome = Refused(device, Reading(1, running: V2, latencies: [2]), RejectionReason.ModelNotRunning);

        Assert.Equal("the report measures m@2.0.0/INT8, but the device runs m@1.0.0/INT8", outcome.Rejection);
        // The report that lands the install may already measure the new model.
        Assert.True(device.Accept(Reading(2, running: V2, install: new InstallStep(V2, InstallState.Installed, null), latencies: [2]), new Context()).IsAccepted);
        Assert.Equal(V2, device.Installed);
    }

    [Fact]
    public void A_late_report_measured_on_the_previous_model_counts_but_its_install_step_is_history()
    {
        var device = Enrolled();
        Assert.True(device.Accept(Reading(1), new Context()).IsAccepted);
        Assert.True(device.Accept(Reading(3, running: V2, install: new InstallStep(V2, InstallState.Installed, null)), new Context()).IsAccepted);

        var late = device.Accept(Reading(2, running: V1, install: new InstallStep(V2, InstallState.Downloading, null), latencies: [7]), new Context());

        Assert.True(late.IsAccepted);
        Assert.Equal((V2, InstallState.Installed, 1L), (device.Installed, device.InstallState, device.Counters.Inferences));
        Assert.Equal(V1, late.Contribution.Measured);
    }

    [Fact]
    public void A_sequence_far_ahead_is_refused_and_locks_nobody_out()
    {
        var device = Enrolled();
        Assert.True(device.Accept(Reading(1), new Context()).IsAccepted);

        var far = Refused(device, Reading(long.MaxValue), RejectionReason.SequenceTooFarAhead);
        Refused(device, Reading(1 + SequenceWindow.MaxAhead + 1), RejectionReason.SequenceTooFarAhead);

        Assert.Equal("sequence 9223372036854775807 is more than 1000000 past the last taken (1); a device counts its reports one by one", far.Rejection);
        Assert.True(device.Accept(Reading(2), new Context()).IsAccepted);
        Assert.True(device.Accept(Reading(2 + SequenceWindow.MaxAhead), new Context()).IsAccepted);
    }

    [Fact]
    public void Late_reports_inside_the_window_count_once_and_older_ones_are_stale()
    {
        var device = Enrolled();
        foreach (var sequence in new long[] { 1, 3, 100 })
        {
            Assert.True(device.Accept(Reading(sequence), new Context()).IsAccepted);
        }

        // 100 − 64 = 36 is the first number below the window; 37 is its oldest slot.
        var stale = Refused(device, Reading(36), RejectionReason.Stale);
        Assert.True(device.Accept(Reading(37), new Context()).IsAccepted);
        Refused(device, Reading(37), RejectionReason.Duplicate);
        Assert.True(device.Accept(Reading(99), new Context()).IsAccepted);
        Refused(device, Reading(100), RejectionReason.Duplicate);

        Assert.Equal("sequence 36 is more than 64 below the last taken (100): too old to tell from a resend; ignored", stale.Rejection);
        Assert.Equal((100L, 5L), (device.LastSequence, device.Counters.Reports));
        Assert.Equal(ReportVerdict.Duplicate, stale.Verdict);
    }

    [Fact]
    public void The_window_moves_with_the_highest_number()
    {
        var window = default(SequenceWindow);
        window.Take(5);
        window.Take(3);
        window.Take(70);

        // 70 − 5 = 65 is below the window now; 70 − 64 = 6 would be its oldest slot.
        Assert.Equal((70L, 1UL), (window.Last, window.Taken));
        Assert.Equal(SequencePlace.Stale, window.Place(5));
        Assert.Equal(SequencePlace.Late, window.Place(7));
        window.Take(69);
        Assert.Equal((0b11UL, SequencePlace.Duplicate), (window.Taken, window.Place(69)));
        Assert.Equal(SequencePlace.Invalid, window.Place(0));
    }

    [Fact]
    public void A_window_stored_before_the_bitmap_treats_everything_below_its_last_number_as_taken()
    {
        Assert.Equal(ulong.MaxValue, SequenceWindow.Restored(40, 0).Taken);
        Assert.Equal(SequencePlace.Duplicate, SequenceWindow.Restored(40, 0).Place(39));
        Assert.Equal(0UL, SequenceWindow.Restored(0, 0).Taken);
        Assert.Equal(0b101UL, SequenceWindow.Restored(40, 0b101).Taken);
    }

    [Fact]
    public void The_report_budget_allows_a_burst_then_the_steady_rate()
    {
        var rate = new ReportRate(PerSecond: 10, Burst: 5);
        var budget = default(ReportBudget);

        var burst = Enumerable.Range(0, 6).Select(_ => budget.TryTake(rate, 1_000)).ToList();
        var afterTenthOfASecond = (budget.TryTake(rate, 1_100), budget.TryTake(rate, 1_100));
        var afterTenSeconds = Enumerable.Range(0, 6).Count(_ => budget.TryTake(rate, 11_100));

        Assert.Equal([true, true, true, true, true, false], burst);
        Assert.Equal((true, false), afterTenthOfASecond);
        Assert.Equal(5, afterTenSeconds);
    }

    [Fact]
    public void Reasons_are_labelled_in_snake_case()
    {
        Assert.Equal(
            ["none", "not_enrolled", "duplicate", "stale", "sequence_too_far_ahead", "invalid_value", "crashes_exceed_inferences", "model_not_running", "overflow", "rate_limited"],
            Enum.GetValues<RejectionReason>().Select(r => r.Label()));
    }

    private sealed class Context : IDeviceContext
    {
        public string DeviceId => "phone-1";

        public DeviceTraits Traits => new(DevicePlatform.Android, "14", 34, "arm64-v8a");

        public RolloutAssignment? AssignmentFor(string modelId) => null;
    }
}

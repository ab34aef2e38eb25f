using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;

using static ApexFleet.Domain.Tests.Devices.DeviceFixtures;

namespace ApexFleet.Domain.Tests.Devices;

public class DeviceTests
{
    private static RolloutAssignment Assignment(double percent, RolloutPhase phase = RolloutPhase.Progressing, double? epsilon = null) =>
        new("d1", 1, "m", "2.0.0", "1.0.0", Precision.Int8, 3.4, 7, percent, phase, new SortedSet<string>(), epsilon is { } e ? PrivacyPolicy.WithDefaultBudget(e) : null);

    private static RolloutAssignment Stage(long epoch, double percent) => Assignment(percent) with { Epoch = epoch };

    [Fact]
    public void Enrolment_joins_the_cohort_once_with_what_the_phone_runs()
    {
        var device = new Device();

        var first = device.Enroll("sd-8", "north", V1);
        var second = device.Enroll("other", "south", V2);

        Assert.Equal(new CohortContribution(Joined: true, Arrived: V1), first);
        Assert.Null(second);
        Assert.Equal(("sd-8", "north", InstallState.Installed), (device.Cohort, device.FairnessGroup, device.InstallState));
    }

    [Fact]
    public void Reports_count_once_by_sequence_and_broken_ones_are_counted_as_rejections_only()
    {
        var device = Enrolled();
        var context = new Context(null);

        var accepted = device.Accept(Reading(1, counters: new() { Crashes = 1 }, latencies: [2, 4]), context);
        var duplicate = device.Accept(Reading(1, latencies: [2]), context);
        var invalid = device.Accept(Reading(2, latencies: [-1]), context);
        var stranger = new Device().Accept(Reading(1), context);

        Assert.Equal(
            [ReportVerdict.Accepted, ReportVerdict.Duplicate, ReportVerdict.Invalid, ReportVerdict.NotEnrolled],
            new[] { accepted, duplicate, invalid, stranger }.Select(o => o.Verdict));
        Assert.Equal("latenciesMs[0] = -1 is not a latency between 0 and 600000 ms", invalid.Rejection);
        Assert.Equal((1L, 2L, 1L, 1L, "latenciesMs[0] = -1 is not a latency between 0 and 600000 ms"),
            (device.LastSequence, device.Counters.Inferences, device.Counters.Crashes, device.RejectedReports, device.LastRejection));
        Assert.True(duplicate.Contribution.IsEmpty);
    }

    [Fact]
    public void The_cohort_gets_the_report_as_one_report_of_the_running_variant()
    {
        var device = Enrolled();

        var outcome = device.Accept(Reading(1, counters: new() { EnergyMillijoules = 3, Outcomes = new(2, 0, 1, 0) }, latencies: [5, 6, 7]), new Context(null));

        var share = outcome.Contribution;
        Assert.Equal((V1, "north", new ConfusionCounts(2, 0, 1, 0)), (share.Measured, share.Group, share.Counters.Outcomes));
        Assert.Equal((1L, 3L, 3.0), (share.Counters.Reports, share.Counters.Inferences, share.Counters.EnergyMillijoules));
        Assert.Equal(new Direction(V1, false, 0), outcome.Direction);
    }

    [Fact]
    public void A_rollout_sets_an_install_in_flight_and_its_landing_moves_the_device_between_variants()
    {
        var device = Enrolled();
        var context = new Context(Assignment(100));

        var directed = device.Accept(Reading(1), context);
        Assert.Equal(new Direction(V2, false, 3.4), directed.Direction);
        Assert.Equal((InstallState.Pending, V2, "deployment d1"), (device.InstallState, device.Installing, device.InstallReasonText));

        var landed = device.Accept(Reading(2, install: new InstallStep(V2, InstallState.Installed, null)), context);

        Assert.True(landed.InstallChanged);
        Assert.Equal((V2, V1, (ModelRef?)null, InstallState.Installed), (device.Installed, device.Previous, device.Installing, device.InstallState));
        Assert.Equal((V1, V2, V2, false), (landed.Contribution.Left, landed.Contribution.Arrived, landed.Contribution.Attempted, landed.Contribution.AttemptFailed));
        Assert.Equal((1L, 0L), (device.Counters.InstallAttempts, device.Counters.InstallFailures));
        Assert.Equal(0, landed.Contribution.Counters.InstallAttempts);
    }

    [Fact]
    public void A_failed_install_is_an_attempt_and_a_failure_of_the_target()
    {
        var device = Enrolled();

        var failed = device.Accept(Reading(1, install: new InstallStep(V2, InstallState.Failed, "signature verification failed")), new Context(null));

        Assert.Equal((InstallState.Failed, "signature verification failed"), (device.InstallState, device.InstallReasonText));
        Assert.Equal((V2, true), (failed.Contribution.Attempted, failed.Contribution.AttemptFailed));
        Assert.Equal((1L, 1L), (device.Counters.InstallAttempts, device.Counters.InstallFailures));
    }

    [Fact]
    public void A_rolled_back_rollout_sends_the_device_back_and_labels_the_landing_a_rollback()
    {
        var device = Enrolled();
        device.Accept(Reading(1), new Context(Assignment(100)));
        device.Accept(Reading(2, install: new InstallStep(V2, InstallState.Installed, null)), new Context(Assignment(100)));
        var rolledBack = new Context(Assignment(100, RolloutPhase.RolledBack));

        var told = device.Accept(Reading(3, running: V2), rolledBack);
        Assert.Equal(new Direction(V1, true, 3.4), told.Direction);
        Assert.Equal("rollback by deployment d1", device.InstallReasonText);

        device.Accept(Reading(4, running: V2, install: new InstallStep(V1, InstallState.Installed, null)), rolledBack);
        Assert.Equal((V1, InstallState.RolledBack), (device.Installed, device.InstallState));
    }

    [Fact]
    public void A_landing_the_record_never_saw_directed_asks_the_rollout_whether_it_was_a_rollback()
    {
        var device = new Device();
        device.Enroll("sd-8", "north", V2);

        device.Accept(Reading(1, running: V2, install: new InstallStep(V1, InstallState.Installed, null)), new Context(Assignment(100, RolloutPhase.Aborted)));

        Assert.Equal(InstallState.RolledBack, device.InstallState);
    }

    [Fact]
    public void A_device_that_landed_on_the_new_stage_is_not_sent_back_by_a_silo_still_holding_the_stage_before()
    {
        var device = Enrolled();
        var everyone = new Context(Stage(epoch: 3, percent: 100));
        var lagging = new Context(Stage(epoch: 2, percent: 0));

        device.Accept(Reading(1), everyone);
        var landed = device.Accept(Reading(2, install: new InstallStep(V2, InstallState.Installed, null)), lagging);
        var later = device.Accept(Reading(3, running: V2), lagging);
        var caughtUp = device.Accept(Reading(4, running: V2), everyone);

        Assert.Equal(
            [new Direction(V2, false, 3.4), new Direction(V2, false, 3.4), new Direction(V2, false, 3.4)],
            new[] { landed, later, caughtUp }.Select(o => o.Direction));
        Assert.Equal((V2, (ModelRef?)null, InstallState.Installed, 1L), (device.Installed, device.Installing, device.InstallState, device.Counters.InstallAttempts));
        Assert.Equal(new FollowedAssignment("d1", 3), device.Followed);
    }

    [Fact]
    public void An_install_in_flight_stays_in_flight_when_the_stage_before_comes_back_from_a_lagging_silo()
    {
        var device = Enrolled();
        device.Accept(Reading(1), new Context(Stage(epoch: 3, percent: 100)));

        var told = device.Accept(Reading(2), new Context(Stage(epoch: 2, percent: 0)));

        Assert.Equal(new Direction(V2, false, 3.4), told.Direction);
        Assert.Equal((V1, V2, InstallState.Pending), (device.Installed, device.Installing, device.InstallState));
    }

    [Fact]
    public void A_new_deployment_moves_the_device_whatever_its_epoch()
    {
        var device = Enrolled();
        device.Accept(Reading(1), new Context(Stage(epoch: 9, percent: 100)));
        device.Accept(Reading(2, install: new InstallStep(V2, InstallState.Installed, null)), new Context(Stage(epoch: 9, percent: 100)));

        var told = device.Accept(Reading(3, running: V2), new Context(Stage(epoch: 1, percent: 0) with { DeploymentId = "d2" }));

        Assert.Equal(new Direction(V1, false, 3.4), told.Direction);
        Assert.Equal(new FollowedAssignment("d2", 1), device.Followed);
    }

    [Fact]
    public void A_rolled_back_stage_is_a_newer_epoch_and_sends_the_device_back()
    {
        var device = Enrolled();
        device.Accept(Reading(1), new Context(Stage(epoch: 2, percent: 100)));
        device.Accept(Reading(2, install: new InstallStep(V2, InstallState.Installed, null)), new Context(Stage(epoch: 2, percent: 100)));

        var told = device.Accept(Reading(3, running: V2), new Context(Stage(epoch: 3, percent: 100) with { Phase = RolloutPhase.RolledBack }));

        Assert.Equal(new Direction(V1, true, 3.4), told.Direction);
    }

    [Fact]
    public void A_private_rollout_noises_what_leaves_the_device_alike_for_a_resent_report()
    {
        var counters = new TelemetryCounters { Crashes = 1, Outcomes = new(40, 5, 50, 5) };
        var context = new Context(Assignment(0, epsilon: 0.5));

        var first = Enrolled().Accept(Reading(9, counters: counters, latencies: [1]), context).Contribution;
        var again = Enrolled().Accept(Reading(9, counters: counters, latencies: [1]), context).Contribution;
        var plain = Enrolled().Accept(Reading(9, counters: counters, latencies: [1]), new Context(null)).Contribution;

        Assert.Equal(first.Counters.Outcomes, again.Counters.Outcomes);
        Assert.Equal(first.Counters, again.Counters);
        Assert.NotEqual(plain.Counters.Outcomes, first.Counters.Outcomes);
        Assert.Equal(new ConfusionCounts(40, 5, 50, 5), plain.Counters.Outcomes);
    }

    [Fact]
    public void A_device_outside_the_targeting_keeps_what_it_runs_and_counts_once_as_not_targeted()
    {
        var device = Enrolled();
        var targeting = new Targeting([new PlatformTarget(DevicePlatform.Android, null, 26, ["arm64-v8a"])]);
        var assignment = Assignment(100) with { Targeting = targeting };
        var old32Bit = new Context(assignment) { Traits = new(DevicePlatform.Android, "9", 28, "armeabi-v7a") };

        var first = device.Accept(Reading(1, latencies: [3]), old32Bit);
        var second = device.Accept(Reading(2, latencies: [3]), old32Bit);

        Assert.Equal(new Direction(V1, false, 3.4), first.Direction);
        Assert.Null(device.Installing);
        Assert.Equal((1L, 0L), (first.Contribution.Counters.DevicesNotTargeted, second.Contribution.Counters.DevicesNotTargeted));

        var targeted = Enrolled().Accept(Reading(1, latencies: [3]), new Context(assignment));
        Assert.Equal(new Direction(V2, false, 3.4), targeted.Direction);
        Assert.Equal(0, targeted.Contribution.Counters.DevicesNotTargeted);
    }

    [Fact]
    public void A_new_rollout_counts_the_device_again()
    {
        var device = Enrolled();
        var targeting = new Targeting([new PlatformTarget(DevicePlatform.Ios, "15.0", null, [])]);
        var android = new DeviceTraits(DevicePlatform.Android, "14", 34, "arm64-v8a");

        var first = device.Accept(Reading(1), new Context(Assignment(100) with { Targeting = targeting }) { Traits = android });
        var next = device.Accept(Reading(2), new Context(Assignment(100) with { DeploymentId = "d2", Targeting = targeting }) { Traits = android });

        Assert.Equal((1L, 1L), (first.Contribution.Counters.DevicesNotTargeted, next.Contribution.Counters.DevicesNotTargeted));
    }

    [Fact]
    public void Cpu_limit_breaches_mark_the_device_once_per_rollout()
    {
        var device = Enrolled();
        var context = new Context(Assignment(0));

        var calm = device.Accept(Reading(1, counters: new() { CpuLimitBreaches = 0 }), context);
        var first = device.Accept(Reading(2, counters: new() { CpuLimitBreaches = 2 }), context);
        var again = device.Accept(Reading(3, counters: new() { CpuLimitBreaches = 1 }), context);

        Assert.Equal([0L, 1L, 0L], new[] { calm, first, again }.Select(o => o.Contribution.Counters.DevicesOverCpuLimit));
        Assert.Equal(3, device.Counters.CpuLimitBreaches);
    }

    [Fact]
    public void A_private_rollout_releases_at_most_the_daily_budget_and_counts_what_it_withholds()
    {
        var device = Enrolled();
        var context = new Context(Assignment(0) with { Privacy = new PrivacyPolicy(0.5, 1.0) });
        var day = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var counters = new TelemetryCounters { Outcomes = new(4, 1, 4, 1) };

        var released = Enumerable.Range(1, 3)
            .Select(i => device.Accept(Reading(i, counters: counters, latencies: [2]) with { At = day.AddHours(i) }, context).Contribution)
            .ToList();
        var nextDay = device.Accept(Reading(4, counters: counters, latencies: [2]) with { At = day.AddDays(1) }, context).Contribution;

        // ε = 0.5 per report and a budget of 1 a day: two reports leave the device, the third is withheld.
        Assert.Equal([1L, 1L, 0L, 1L], released.Append(nextDay).Select(c => c.Counters.Reports));
        Assert.Equal([0L, 0L, 1L, 0L], released.Append(nextDay).Select(c => c.Counters.PrivacyWithheldReports));
        Assert.Empty(released[2].LatenciesMs ?? []);
        Assert.Equal(4, device.Counters.Reports);
    }

    [Fact]
    public void The_device_adds_each_reports_squared_battery_drain_for_the_spread()
    {
        var device = Enrolled();

        var outcome = device.Accept(Reading(1, counters: new() { BatteryDrainPercentPerHour = 1.5, BatteryReadings = 1 }), new Context(null));

        Assert.Equal(2_250, outcome.Contribution.Counters.BatteryDrainSquaredMilli);
    }

    [Fact]
    public void Each_report_adds_what_it_changes_in_the_phones_squares_on_its_installed_model()
    {
        var device = Enrolled();
        var context = new Context(Assignment(100));
        var spreads = new List<PhoneSpread>();
        void Report(long sequence, ModelRef running, long fallbacks, int inferences, InstallStep? install = null) =>
            spreads.Add(device.Accept(Reading(sequence, running, install, new() { CloudFallbacks = fallbacks }, new float[inferences]), context).Contribution.Counters.PhoneSpread);

        Report(1, V1, 1, 4);
        Report(2, V1, 2, 6);
        // V2 lands: its run starts over. Report 3 arrives late, on V1: a phone of its own, the run untouched.
        Report(4, V2, 1, 2, new InstallStep(V2, InstallState.Installed, null));
        Report(3, V1, 1, 3);
        Report(5, V2, 1, 2);

        // V1: (1, 4) then (3, 10), F² 9, FN 30, N² 100 in all; V2: (1, 2) then (2, 4); the late one (1, 3).
        Assert.Equal([new(1, 4, 16), new(8, 26, 84), new(1, 2, 4), new(1, 3, 9), new(3, 6, 12)], spreads);
        Assert.Equal(new PhoneSpread(9, 30, 100), spreads[0] + spreads[1]);
        Assert.Equal(new PhoneSpread(4, 8, 16), spreads[2] + spreads[4]);
        Assert.Equal((V2, 2L, 4L), (device.Run.Model, device.Run.Fallbacks, device.Run.Inferences));
        Assert.Equal(spreads.Aggregate((a, b) => a + b), device.Counters.PhoneSpread);
    }

    [Fact]
    public void A_report_carrying_a_phone_spread_of_its_own_is_refused_whole()
    {
        var device = Enrolled();
        var counters = default(TelemetryCounters);
        counters[TelemetryCounter.PhoneInferencesSquared] = 100;

        var outcome = device.Accept(Reading(1, counters: counters, latencies: [1f]), new Context(null));

        Assert.False(outcome.IsAccepted);
        Assert.Contains("phoneInferencesSquared = 100 is counted by the device", outcome.Rejection, StringComparison.Ordinal);
        Assert.Equal(0, device.Counters.Reports);
    }

    [Fact]
    public void Reports_without_a_battery_reading_add_no_drain_and_no_reading()
    {
        var device = Enrolled();
        var context = new Context(null);
        double?[] drains = [1.5, null, 3.0, null, 4.5];

        var shares = drains.Select((drain, i) => device.Accept(
            Reading(i + 1, counters: drain is { } d ? new() { BatteryDrainPercentPerHour = d, BatteryReadings = 1 } : default), context).Contribution.Counters).ToList();

        // 3 readings of 1.5, 3.0 and 4.5: sum 9, squares 2.25 + 9 + 20.25 = 31.5; mean 9 / 3 = 3 %/h.
        var total = device.Counters;
        Assert.Equal((5L, 3L, 9.0, 31_500L), (total.Reports, total.BatteryReadings, total.BatteryDrainPercentPerHour, total.BatteryDrainSquaredMilli));
        Assert.Equal((3.0, 3L), total.Ratio(TelemetryCounters.Ratios.Single(r => r.Metric == "battery_drain_pct_per_hour")));
        Assert.Equal([1L, 0L, 1L, 0L, 1L], shares.Select(c => c.BatteryReadings));
    }

    [Fact]
    public void A_drain_without_a_battery_reading_is_refused_whole()
    {
        var device = Enrolled();

        var outcome = device.Accept(Reading(1, counters: new() { BatteryDrainPercentPerHour = 2 }, latencies: [3]), new Context(null));

        Assert.Equal(ReportVerdict.Invalid, outcome.Verdict);
        Assert.Equal("batteryDrainPercentPerHour = 2 given with batteryReadings = 0; a report without a reading carries no batteryDrainPercentPerHour", outcome.Rejection);
        Assert.Equal((0L, 0L, 0.0), (device.Counters.Reports, device.Counters.BatteryReadings, device.Counters.BatteryDrainPercentPerHour));
    }

    private sealed class Context(RolloutAssignment? assignment) : IDeviceContext
    {
        public string DeviceId => "phone-1";

        public DeviceTraits Traits { get; init; } = new(DevicePlatform.Android, "14", 34, "arm64-v8a");

        public RolloutAssignment? AssignmentFor(string modelId) => assignment?.ModelId == modelId ? assignment : null;
    }
}

using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Devices;

/// <summary>
/// One phone's own record and every decision about it: enrolment, which reports count, how an
/// install moves, what the phone should run next, and its share of its cohort's statistics.
/// Idempotent: a report is taken once, by its sequence number.
/// </summary>
public sealed class Device
{
    private TelemetryCounters _counters;
    private SequenceWindow _sequences;
    private RolloutMarks _marks;
    private PrivacyLedger _privacy;
    private ModelRun _run;

    // What the last assignment asked of this device: it depends on nothing but the assignment (a new
    // object at every stage change) and the device, so it is worked out once per stage, not per report.
    private RolloutAssignment? _desiredBy;
    private DesiredModel _desired;

    public string? Cohort { get; set; }
    public string FairnessGroup { get; set; } = "";
    public ModelRef? Installed { get; set; }
    public ModelRef? Previous { get; set; }
    /// <summary>The install in flight, if any, and whether it is a rollback.</summary>
    public ModelRef? Installing { get; set; }
    public bool InstallingIsRollback { get; set; }
    public InstallState InstallState { get; set; }
    /// <summary>What the device said of its last install step (e.g. why it failed).</summary>
    public string? InstallReason { get; set; }
    /// <summary>The deployment that set the install in flight, until the device reports on it.</summary>
    public string? DirectedBy { get; set; }
    /// <summary>The newest assignment this device was directed by: an older one must not move it.</summary>
    public FollowedAssignment Followed { get; set; }
    /// <summary>The highest sequence number taken.</summary>
    public long LastSequence => _sequences.Last;
    /// <summary>The sequence numbers taken: the highest and the ones just below it, so a late report counts once.</summary>
    public ref SequenceWindow Sequences => ref _sequences;
    public long RejectedReports { get; set; }
    public string? LastRejection { get; set; }
    public ref TelemetryCounters Counters => ref _counters;
    public ref RolloutMarks Marks => ref _marks;
    public ref PrivacyLedger Privacy => ref _privacy;
    /// <summary>What the phone has run on its installed model, for its cohort's spread between phones.</summary>
    public ref ModelRun Run => ref _run;
    /// <summary>This phone's latency quantiles, at 5%.</summary>
    public CoarseQuantileSketch Latency { get; set; } = new();

    public bool IsEnrolled => Cohort is not null;

    /// <summary>Why the device is installing what it is, in words.</summary>
    public string? InstallReasonText => InstallReason
        ?? (DirectedBy is null ? null : InstallingIsRollback ? $"rollback by deployment {DirectedBy}" : $"deployment {DirectedBy}");

    /// <summary>Records what the device is; a second enrolment changes nothing and returns null.</summary>
    public CohortContribution? Enroll(string cohort, string fairnessGroup, ModelRef? installed)
    {
        if (IsEnrolled)
        {
            return null;
        }

        Cohort = cohort;
        FairnessGroup = fairnessGroup;
        Installed = installed;
        InstallState = installed is null ? InstallState.None : InstallState.Installed;
        return new CohortContribution(Joined: true, Arrived: installed);
    }

    /// <summary>
    /// Takes a report, or refuses it whole (with its reason) before anything changes. A late report
    /// (below the last sequence, not taken yet) counts its measurements, but its install step is
    /// history that a newer report has already moved past.
    /// </summary>
    public ReportOutcome Accept(in DeviceReading reading, IDeviceContext context)
    {
        if (!IsEnrolled)
        {
            return Rejected(ReportVerdict.NotEnrolled, RejectionReason.NotEnrolled, "device is not enrolled: call Enroll with its profile first");
        }

        var place = _sequences.Place(reading.Sequence);
        switch (place)
        {
            case SequencePlace.Duplicate:
                return Rejected(ReportVerdict.Duplicate, RejectionReason.Duplicate, $"sequence {reading.Sequence} was already taken (last {LastSequence}); ignored");
            case SequencePlace.Stale:
                return Rejected(ReportVerdict.Duplicate, RejectionReason.Stale,
                    $"sequence {reading.Sequence} is more than {SequenceWindow.Size} below the last taken ({LastSequence}): too old to tell from a resend; ignored");
            case SequencePlace.TooFarAhead:
                return Invalid(RejectionReason.SequenceTooFarAhead,
                    $"sequence {reading.Sequence} is more than {SequenceWindow.MaxAhead} past the last taken ({LastSequence}); a device counts its reports one by one");
        }

        if (TelemetryValidation.Problem(reading) is { } problem)
        {
            return Invalid(problem.Reason, problem.Message);
        }

        var late = place == SequencePlace.Late;
        var step = late ? null : reading.Install;
        if (reading.Running is { } measured && !Runs(measured, step, late))
        {
            return Invalid(RejectionReason.ModelNotRunning,
                $"the report measures {measured.Key}, but the device runs {(Installed is { } installed ? installed.Key : "no model")}");
        }

        var period = reading.Counters;
        period.Reports = 1;
        period.Inferences = reading.LatenciesMs.Length;
        var drain = period.BatteryDrainPercentPerHour;
        period.BatteryDrainSquaredMilli = (long)Math.Round(drain * drain * 1000);
        if (!_counters.TryAdd(period, out var overflowing))
        {
            return Invalid(RejectionReason.Overflow, $"{TelemetryCounters.Rules[(int)overflowing].Name} would overflow the device's total; the report is not counted");
        }

        _sequences.Take(reading.Sequence);
        foreach (var latency in reading.LatenciesMs)
        {
            Latency.Add(latency);
        }

        var contribution = default(CohortContribution);
        var installChanged = step is { } progress && Advance(progress, context, ref contribution);
        if (reading.Running is { } running)
        {
            contribution = Measured(contribution, running, period, reading, context);
        }

        return new ReportOutcome(ReportVerdict.Accepted, null, installChanged, Direct(context), contribution);
    }

    /// <summary>What the phone should run now, moving the install in flight to match.</summary>
    /// <remarks>
    /// A changed direction need not be stored at once: the next report works it out again from the
    /// assignment, so losing it loses nothing. Public for a device that asks without reporting.
    /// </remarks>
    public Direction Direct(IDeviceContext context)
    {
        var current = Installing ?? Installed;
        if (current is not { } model || context.AssignmentFor(model.ModelId) is not { } assignment)
        {
            return new Direction(current, false, 0);
        }

        if (Followed.IsAheadOf(assignment))
        {
            // This silo's copy of the rollout lags the stage the device already followed elsewhere: keep to that.
            return new Direction(model, Installing is not null && InstallingIsRollback, assignment.SizeOf(model.Precision));
        }

        Followed = Followed.Follow(assignment);
        var desired = Desired(assignment, context);
        if (Installed == desired.Model && Installing is not null)
        {
            // The rollout moved back before the install finished: stay on what is installed.
            Installing = null;
            InstallState = desired.IsRollback ? InstallState.RolledBack : InstallState.Installed;
        }
        else if (Installed != desired.Model && Installing != desired.Model)
        {
            Installing = desired.Model;
            InstallingIsRollback = desired.IsRollback;
            InstallState = InstallState.Pending;
            InstallReason = null;
            DirectedBy = assignment.DeploymentId;
        }

        return new Direction(desired.Model, desired.IsRollback, assignment.SizeOf(desired.Model.Precision));
    }

    /// <summary>Moves the install state machine; true when the installed model changed or an install failed.</summary>
    private bool Advance(InstallStep step, IDeviceContext context, ref CohortContribution contribution)
    {
        InstallReason = step.Reason;
        DirectedBy = null;
        switch (step.State)
        {
            case InstallState.Downloading or InstallState.Verifying or InstallState.Pending:
                InstallState = step.State;
                return false;
            case InstallState.Installed:
                var old = Installed;
                var rollback = Installing == step.Model ? InstallingIsRollback : IsRollbackTo(step.Model, context);
                Previous = old;
                Installed = step.Model;
                InstallState = rollback ? InstallState.RolledBack : InstallState.Installed;
                Installing = null;
                _counters.InstallAttempts++;
                contribution = contribution with { Left = old, Arrived = step.Model, Attempted = step.Model, Deployment = DeploymentOf(step.Model, context) };
                return true;
            case InstallState.Failed:
                InstallState = InstallState.Failed;
                Installing = null;
                _counters.InstallAttempts++;
                _counters.InstallFailures++;
                contribution = contribution with { Attempted = step.Model, AttemptFailed = true, Deployment = DeploymentOf(step.Model, context) };
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The report's measurements as the cohort gets them: install attempts are the target's, not the
    /// running model's, and a private rollout's counts leave the device noised.
    /// </summary>
    private CohortContribution Measured(
        CohortContribution contribution, ModelRef running, TelemetryCounters period, in DeviceReading reading, IDeviceContext context)
    {
        period.InstallAttempts = 0;
        period.InstallFailures = 0;
        var assignment = context.AssignmentFor(running.ModelId);
        if (assignment is not null)
        {
            Mark(assignment, context, ref period);
        }

        if (assignment?.Privacy is { } privacy)
        {
            if (!_privacy.TryRelease(reading.At, privacy))
            {
                // The day's budget is spent: only the fact that a report was withheld leaves the device.
                var withheld = new TelemetryCounters { PrivacyWithheldReports = 1 };
                return contribution with { Measured = running, Deployment = assignment.DeploymentId, Counters = withheld, Group = FairnessGroup };
            }

            var (outcomes, crashes) = NoisyCounts.Release(context.DeviceId, reading.Sequence, privacy.Epsilon, period.Outcomes, period.Crashes);
            period.Outcomes = outcomes;
            period.Crashes = crashes;
        }

        period.PhoneSpread = _run.Count(running, Installed, period.CloudFallbacks, period.Inferences);
        _counters.PhoneSpread += period.PhoneSpread;
        return contribution with
        {
            Measured = running,
            Deployment = assignment?.DeploymentId,
            Counters = period,
            Group = FairnessGroup,
            LatenciesMs = reading.LatenciesMs,
            OutputHistogram = reading.OutputHistogram,
        };
    }

    /// <summary>Counts, once per rollout, that this device is not targeted or has breached the CPU limit.</summary>
    private void Mark(RolloutAssignment assignment, IDeviceContext context, ref TelemetryCounters period)
    {
        if (!Desired(assignment, context).IsTargeted && _marks.Mark(assignment.DeploymentId, DeviceMark.NotTargeted))
        {
            period.DevicesNotTargeted = 1;
        }

        if (period.CpuLimitBreaches > 0 && _marks.Mark(assignment.DeploymentId, DeviceMark.OverCpuLimit))
        {
            period.DevicesOverCpuLimit = 1;
        }
    }

    /// <summary>The rollout whose evidence an install of <paramref name="model"/> is: the one assigning that model now.</summary>
    private static string? DeploymentOf(ModelRef model, IDeviceContext context) => context.AssignmentFor(model.ModelId)?.DeploymentId;

    /// <summary>Whether the active rollout sends this device back to <paramref name="model"/>: asked when an install lands that this record never saw directed.</summary>
    private bool IsRollbackTo(ModelRef model, IDeviceContext context) =>
        context.AssignmentFor(model.ModelId) is { } assignment
        && !Followed.IsAheadOf(assignment)
        && Desired(assignment, context) is { IsRollback: true } desired
        && desired.Model == model;

    private DesiredModel Desired(RolloutAssignment assignment, IDeviceContext context)
    {
        if (!ReferenceEquals(assignment, _desiredBy))
        {
            // A device the rollout does not target keeps what it runs.
            _desired = assignment.Targets(context.Traits)
                ? assignment.DesiredFor(context.DeviceId, Cohort!)
                : new DesiredModel(Installed ?? Installing!.Value, IsRollback: false, IsTargeted: false);
            _desiredBy = assignment;
        }

        return _desired;
    }

    /// <summary>Whether a report may measure <paramref name="running"/>: what is installed, what this report installs, or (late) what was installed before.</summary>
    private bool Runs(ModelRef running, InstallStep? step, bool late) =>
        running == Installed
        || step is { State: InstallState.Installed } installs && installs.Model == running
        || late && running == Previous;

    private ReportOutcome Invalid(RejectionReason reason, string message)
    {
        RejectedReports++;
        LastRejection = message;
        return Rejected(ReportVerdict.Invalid, reason, message);
    }

    private ReportOutcome Rejected(ReportVerdict verdict, RejectionReason reason, string message) =>
        new(verdict, message, false, new Direction(Installing ?? Installed, false, 0), default, reason);
}

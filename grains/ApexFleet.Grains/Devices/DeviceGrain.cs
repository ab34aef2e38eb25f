using System.IO.Hashing;
using System.Text;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Statistics;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Fleet;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Devices;

/// <summary>
/// One phone. Keeps its counters, tells its cohort what changed through the silo's delta buffer,
/// and answers every report with what the phone should run according to the active rollout.
/// </summary>
public sealed class DeviceGrain(
    [PersistentState(FleetStorage.DeviceState, FleetStorage.ProviderName)] IPersistentState<DeviceState> device,
    CohortDeltaBuffer cohorts,
    AssignmentCache assignments,
    IOptions<FleetGrainOptions> options) : Grain, IDeviceGrain
{
    /// <summary>Telemetry alone is persisted every this many reports; install changes at once.</summary>
    public const int ReportsPerWrite = 100;

    private int _unsavedReports;
    private RolloutAssignment? _desiredBy;
    private DeviceDirective? _desired;

    private DeviceState State => device.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.Profile is not null)
        {
            State.Profile = SharedValues.Share(State.Profile);
            State.Cohort = SharedValues.Share(State.Cohort!);
            State.Installed = SharedValues.Share(State.Installed);
            State.Previous = SharedValues.Share(State.Previous);
            State.Installing = SharedValues.Share(State.Installing);
        }

        return Task.CompletedTask;
    }

    public async Task Enroll(DeviceProfile profile, ModelSlot? installed)
    {
        if (State.Profile is not null)
        {
            return;
        }

        State.Profile = SharedValues.Share(profile);
        State.Cohort = SharedValues.Share(CohortKey.For(options.Value.CohortKey, profile.ChipsetFamily, profile.Tier));
        State.Installed = SharedValues.Share(installed);
        State.InstallState = installed is null ? InstallState.None : InstallState.Installed;
        cohorts.Record(State.Cohort, delta =>
        {
            delta.DevicesJoined++;
            if (installed is not null)
            {
                CohortDeltaBuffer.Variant(delta, installed.ToRef().Key).InstalledDevices++;
            }
        });
        await WriteAsync();
    }

    public async ValueTask<DeviceDirective> Report(TelemetryReport report)
    {
        if (State.Profile is null || State.Cohort is null)
        {
            return Refuse("device is not enrolled: call Enroll with its profile first", count: false);
        }

        if (report.Sequence <= State.LastSequence)
        {
            return Refuse($"sequence {report.Sequence} was already seen (last accepted {State.LastSequence}); ignored", count: false);
        }

        if (TelemetryValidation.Problem(report) is { } problem)
        {
            return Refuse(problem, count: true);
        }

        State.LastSequence = report.Sequence;
        State.Reports++;
        FleetMetrics.ReportsAccepted.Add(1);
        var cohort = State.Cohort;
        var installChanged = report.Install is { } progress && ApplyInstallProgress(cohort, progress);
        Accumulate(cohort, report);

        var directive = Direct(cohort);
        if (installChanged || ++_unsavedReports >= ReportsPerWrite)
        {
            await SaveAsync();
        }

        return directive;
    }

    public Task<DeviceSnapshot> GetSnapshot() => Task.FromResult(new DeviceSnapshot
    {
        DeviceId = this.GetPrimaryKeyString(),
        Profile = State.Profile,
        Cohort = State.Cohort,
        Installed = State.Installed,
        Previous = State.Previous,
        InstallState = State.InstallState,
        InstallReason = State.InstallReason,
        LastSequence = State.LastSequence,
        Reports = State.Reports,
        RejectedReports = State.RejectedReports,
        LastRejection = State.LastRejection,
        Inferences = State.Inferences,
        LatencyP50Ms = State.Latency.IsEmpty ? 0 : State.Latency.Quantile(0.50),
        LatencyP95Ms = State.Latency.IsEmpty ? 0 : State.Latency.Quantile(0.95),
        LatencyP99Ms = State.Latency.IsEmpty ? 0 : State.Latency.Quantile(0.99),
        EnergyPerInferenceMj = State.Inferences == 0 ? 0 : FixedPoint.FromMicros(State.EnergyMicroJoules) / State.Inferences,
        PeakMemoryMb = State.Reports == 0 ? 0 : FixedPoint.FromMicros(State.PeakMemoryMicroMegabytes) / State.Reports,
        BatteryDrainPercentPerHour = State.Reports == 0 ? 0 : FixedPoint.FromMicros(State.BatteryDrainMicroPercentPerHour) / State.Reports,
        ThermalEvents = State.ThermalEvents,
        Crashes = State.Crashes,
        TruePositives = State.TruePositives,
        FalsePositives = State.FalsePositives,
        TrueNegatives = State.TrueNegatives,
        FalseNegatives = State.FalseNegatives,
        BytesDownloadedFull = State.BytesDownloadedFull,
        BytesDownloadedDelta = State.BytesDownloadedDelta,
        CloudFallbacks = State.CloudFallbacks,
    });

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsavedReports > 0 && options.Value.ShouldSave(reason))
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        await WriteAsync();
        _unsavedReports = 0;
    }

    private Task WriteAsync() => device.WriteCountedAsync("device");

    private DeviceDirective Refuse(string reason, bool count)
    {
        FleetMetrics.ReportsRejected.Add(1);
        if (count)
        {
            State.RejectedReports++;
            State.LastRejection = reason;
            _unsavedReports++;
        }

        return new DeviceDirective(State.Installing ?? State.Installed, false, 0, Accepted: false, reason);
    }

    /// <summary>Moves the install state machine; true when the device's installed model changed or failed.</summary>
    private bool ApplyInstallProgress(string cohort, InstallProgress progress)
    {
        State.InstallReason = progress.Reason is null ? null : SharedValues.Share(progress.Reason);
        switch (progress.State)
        {
            case InstallState.Downloading or InstallState.Verifying or InstallState.Pending:
                State.InstallState = progress.State;
                return false;
            case InstallState.Installed:
                var old = State.Installed;
                var rollback = State.Installing == progress.Model ? State.InstallingIsRollback : IsRollbackTo(progress.Model, cohort);
                State.Previous = old;
                State.Installed = SharedValues.Share(progress.Model);
                State.InstallState = rollback ? InstallState.RolledBack : InstallState.Installed;
                State.Installing = null;
                cohorts.Record(cohort, delta =>
                {
                    if (old is not null)
                    {
                        CohortDeltaBuffer.Variant(delta, old.ToRef().Key).InstalledDevices--;
                    }

                    var installed = CohortDeltaBuffer.Variant(delta, progress.Model.ToRef().Key);
                    installed.InstalledDevices++;
                    installed.InstallAttempts++;
                });
                return true;
            case InstallState.Failed:
                State.InstallState = InstallState.Failed;
                State.Installing = null;
                cohorts.Record(cohort, delta =>
                {
                    var target = CohortDeltaBuffer.Variant(delta, progress.Model.ToRef().Key);
                    target.InstallAttempts++;
                    target.InstallFailures++;
                });
                return true;
            default:
                return false;
        }
    }

    private void Accumulate(string cohort, TelemetryReport report)
    {
        var energy = FixedPoint.ToMicros(report.EnergyMillijoules);
        var memory = FixedPoint.ToMicros(report.PeakMemoryMb);
        var battery = FixedPoint.ToMicros(report.BatteryDrainPercentPerHour);
        foreach (var latency in report.LatenciesMs)
        {
            State.Latency.Add(latency);
        }

        State.Inferences += report.LatenciesMs.Length;
        State.EnergyMicroJoules += energy;
        State.PeakMemoryMicroMegabytes += memory;
        State.BatteryDrainMicroPercentPerHour += battery;
        State.ThermalEvents += report.ThermalEvents;
        State.Crashes += report.Crashes;
        State.TruePositives += report.TruePositives;
        State.FalsePositives += report.FalsePositives;
        State.TrueNegatives += report.TrueNegatives;
        State.FalseNegatives += report.FalseNegatives;
        State.BytesDownloadedFull += report.BytesDownloadedFull;
        State.BytesDownloadedDelta += report.BytesDownloadedDelta;
        State.CloudFallbacks += report.CloudFallbacks;

        if (report.Running is not { } running)
        {
            return;
        }

        var group = State.Profile!.FairnessGroup;
        var outcomes = new ConfusionCounts(report.TruePositives, report.FalsePositives, report.TrueNegatives, report.FalseNegatives);
        long crashes = report.Crashes;
        if (assignments.For(running.ModelId)?.PrivacyEpsilon is { } epsilon)
        {
            // Counts leave the device's own record noised; the seed makes a replayed report noise alike.
            var laplace = new LaplaceMechanism(1, epsilon, new Random(unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{this.GetPrimaryKeyString()}/{report.Sequence}")))));
            outcomes = new ConfusionCounts(
                laplace.ReleaseCount(outcomes.TruePositives),
                laplace.ReleaseCount(outcomes.FalsePositives),
                laplace.ReleaseCount(outcomes.TrueNegatives),
                laplace.ReleaseCount(outcomes.FalseNegatives));
            // Crashes are rare: clamping each noisy report at zero would inflate the rate, so the count
            // goes out unclamped (possibly negative) and only the cohort's sum is meaningful.
            crashes = (long)Math.Round(laplace.Release(crashes));
        }

        cohorts.Record(cohort, new ReportDelta(report, SharedValues.KeyOf(running), group, outcomes, energy, memory, battery, crashes), static (delta, change) =>
        {
            var report = change.Report;
            var metrics = CohortDeltaBuffer.Variant(delta, change.Variant);
            if (change.Outcomes.Total > 0)
            {
                metrics.AddOutcomes(change.Group, change.Outcomes);
            }

            for (var i = 0; i < report.OutputHistogram.Length; i++)
            {
                metrics.OutputHistogram[i] += report.OutputHistogram[i];
            }

            metrics.Reports++;
            metrics.Inferences += report.LatenciesMs.Length;
            foreach (var latency in report.LatenciesMs)
            {
                metrics.Latency.Add(latency);
            }

            metrics.EnergyMicroJoules += change.Energy;
            metrics.PeakMemoryMicroMegabytes += change.Memory;
            metrics.BatteryDrainMicroPercentPerHour += change.Battery;
            metrics.ThermalEvents += report.ThermalEvents;
            metrics.Crashes += change.Crashes;
            metrics.CloudFallbacks += report.CloudFallbacks;
        });
    }

    /// <summary>
    /// What the phone should run now. A changed direction is not written at once: it is worked out
    /// again from the assignment on the next report, so losing it loses nothing, and writing it
    /// would double the writes of every install wave (one when directed, one when installed).
    /// </summary>
    private DeviceDirective Direct(string cohort)
    {
        var current = State.Installing ?? State.Installed;
        var assignment = current is null ? null : assignments.For(current.ModelId);
        if (current is null || assignment is null)
        {
            return new DeviceDirective(current, false, 0, Accepted: true, null);
        }

        var directive = Desired(assignment, cohort);
        var slot = directive.Desired;
        if (State.Installed == slot && State.Installing is not null)
        {
            // The rollout moved back before the install finished: stay on what is installed.
            State.Installing = null;
            State.InstallState = directive.IsRollback ? InstallState.RolledBack : InstallState.Installed;
        }
        else if (State.Installed != slot && State.Installing != slot)
        {
            State.Installing = slot;
            State.InstallingIsRollback = directive.IsRollback;
            State.InstallState = InstallState.Pending;
            State.InstallReason = SharedValues.Share(directive.IsRollback ? $"rollback by deployment {assignment.DeploymentId}" : $"deployment {assignment.DeploymentId}");
        }

        return directive;
    }

    /// <summary>
    /// Whether the active rollout sends this device back to <paramref name="model"/>: asked when the
    /// install lands on an activation that never saw (or never stored) the direction.
    /// </summary>
    private bool IsRollbackTo(ModelSlot model, string cohort) =>
        assignments.For(model.ModelId) is { } assignment
        && Desired(assignment, cohort) is { IsRollback: true, Desired: { } desired }
        && desired == model;

    /// <summary>
    /// What the assignment asks of this device. It depends on nothing but the assignment (a new
    /// object at every stage change) and the device's own id and cohort, so it is worked out once
    /// per stage rather than hashed on every report.
    /// </summary>
    private DeviceDirective Desired(RolloutAssignment assignment, string cohort)
    {
        if (!ReferenceEquals(assignment, _desiredBy) || _desired is null)
        {
            var desired = assignment.DesiredFor(this.GetPrimaryKeyString(), cohort);
            var slot = SharedValues.Share(ModelSlot.From(desired.Model))!;
            _desired = SharedValues.Share(new DeviceDirective(slot, desired.IsRollback, assignment.SizeOf(desired.Model.Precision), Accepted: true, null));
            _desiredBy = assignment;
        }

        return _desired;
    }

    /// <summary>One report's share of the cohort's delta, passed without a closure.</summary>
    private readonly record struct ReportDelta(
        TelemetryReport Report, string Variant, string Group, ConfusionCounts Outcomes, long Energy, long Memory, long Battery, long Crashes);
}

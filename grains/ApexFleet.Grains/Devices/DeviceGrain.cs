using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Grains.Cohorts;
using ApexFleet.Grains.Fleet;
using ApexFleet.Grains.Registry;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Devices;

/// <summary>
/// One phone. Its <see cref="Device"/> record decides; the grain stores it, hands the cohort's share
/// to the silo's delta buffer and answers every report with what the phone should run.
/// </summary>
public sealed class DeviceGrain(
    [PersistentState(FleetStorage.DeviceState, FleetStorage.ProviderName)] IPersistentState<DeviceState> state,
    CohortDeltaBuffer cohorts,
    AssignmentCache assignments,
    ArtifactOffers artifacts,
    IOptions<FleetGrainOptions> options) : Grain, IDeviceGrain, IDeviceContext
{
    /// <summary>Telemetry alone is persisted every this many reports; install changes at once.</summary>
    public const int ReportsPerWrite = 100;

    private int _unsavedReports;
    private bool _forgotten;
    private ReportBudget _budget;
    private DeviceDirective? _directive;

    private Device Device => state.State.Device;

    string IDeviceContext.DeviceId => this.GetPrimaryKeyString();

    DeviceTraits IDeviceContext.Traits => state.State.Profile?.Traits ?? default;

    RolloutAssignment? IDeviceContext.AssignmentFor(string modelId) => assignments.For(modelId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Profiles come back from storage as fresh strings; the record's strings are shared as they are read.
        if (state.State.Profile is { } profile)
        {
            state.State.Profile = SharedValues.Share(profile);
        }

        return Task.CompletedTask;
    }

    public async Task Enroll(DeviceProfile profile, ModelSlot? installed)
    {
        var cohort = CohortKey.For(options.Value.CohortKey, profile.ChipsetFamily, profile.Tier);
        var joined = Device.Enroll(SharedValues.Share(cohort), SharedValues.Share(profile.FairnessGroup), SharedValues.Share(installed?.ToRef()));
        if (joined is { } contribution)
        {
            state.State.Profile = SharedValues.Share(profile);
            if (options.Value.WriteThrough)
            {
                await StoreAsync(contribution, ReportBatch.IdOf(this.GetPrimaryKeyString(), 0), applyNow: true);
                return;
            }

            cohorts.Record(cohort, contribution);
            await SaveAsync();
        }
    }

    public async ValueTask<DeviceDirective> Report(TelemetryReport report)
    {
        if (options.Value.DeviceReportRate is { } rate && !_budget.TryTake(rate, Environment.TickCount64))
        {
            FleetMetrics.Rejected(RejectionReason.RateLimited);
            return new DeviceDirective(ModelSlot.From(Device.Installing ?? Device.Installed), false, 0, Accepted: false,
                $"more than {rate.PerSecond} reports a second (bursts of {rate.Burst}); send it again later", RejectionReason.RateLimited);
        }

        var outcome = Device.Accept(report.ToReading(), this);
        if (!outcome.IsAccepted)
        {
            FleetMetrics.Rejected(outcome.Reason);
            _unsavedReports += outcome.Verdict == ReportVerdict.Invalid ? 1 : 0;
            if (options.Value.WriteThrough && _unsavedReports > 0)
            {
                await StoreAsync(default, default, applyNow: false);
            }

            return new DeviceDirective(ModelSlot.From(outcome.Direction.Model), false, 0, Accepted: false, outcome.Rejection, outcome.Reason);
        }

        FleetMetrics.ReportsAccepted.Add(1);
        if (options.Value.WriteThrough)
        {
            await StoreAsync(outcome.Contribution, ReportBatch.IdOf(this.GetPrimaryKeyString(), report.Sequence), applyNow: outcome.InstallChanged);
            return await DirectiveFor(outcome.Direction);
        }

        if (!outcome.Contribution.IsEmpty)
        {
            cohorts.Record(Device.Cohort!, outcome.Contribution);
        }

        if (outcome.InstallChanged || ++_unsavedReports >= ReportsPerWrite)
        {
            await SaveAsync();
        }

        return await DirectiveFor(outcome.Direction);
    }

    public async Task<DeviceDirective> GetDirective()
    {
        if (!Device.IsEnrolled)
        {
            return new DeviceDirective(null, false, 0, Accepted: false, "device is not enrolled: enrol it with its profile first", RejectionReason.NotEnrolled);
        }

        var followed = Device.Followed;
        var direction = Device.Direct(this);
        if (options.Value.WriteThrough && Device.Followed != followed)
        {
            // A newer stage leaves only once stored: after a crash, a silo whose copy lags must not undo it.
            await StoreAsync(default, default, applyNow: false);
        }

        return await DirectiveFor(direction);
    }

    public Task<DeviceSnapshot> GetSnapshot() =>
        Task.FromResult(DeviceSnapshot.Of(this.GetPrimaryKeyString(), state.State.Profile, Device));

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_unsavedReports > 0 && !_forgotten && options.Value.ShouldSave(reason))
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// Makes a report's effect unlosable before it is answered. What changes installs (and an
    /// enrolment) reaches its cohort's storage first, under an id the same report always gets, so a
    /// crash between the two steps makes the phone resend and the cohort ignore the second copy; the
    /// device's record is stored next; only then does a measurement join the silo's buffer, so a
    /// cohort never counts a report its device could forget. Any failure drops the activation: memory
    /// never answers for what storage lacks.
    /// </summary>
    private async Task StoreAsync(CohortContribution contribution, Guid batchId, bool applyNow)
    {
        try
        {
            if (applyNow && !contribution.IsEmpty)
            {
                await cohorts.ApplyNowAsync(Device.Cohort!, contribution, batchId);
            }

            await SaveAsync();
        }
        catch
        {
            _forgotten = true;
            this.DeactivateOnIdle();
            throw;
        }

        if (!applyNow && !contribution.IsEmpty)
        {
            cohorts.Record(Device.Cohort!, contribution);
        }
    }

    private async Task SaveAsync()
    {
        await state.WriteCountedAsync(this, "device");
        _unsavedReports = 0;
    }

    /// <summary>
    /// A stage asks the same few things of a million devices: one shared directive object each, looked
    /// up (with the registry's offer for the model, from the silo's memory of it) only when the direction changes.
    /// </summary>
    private async ValueTask<DeviceDirective> DirectiveFor(Direction direction)
    {
        if (_directive is not { } last || last.Desired?.ToRef() != direction.Model || last.IsRollback != direction.IsRollback
            || last.ArtifactMegabytes != direction.ArtifactMegabytes)
        {
            var offer = direction.Model is { } model ? await artifacts.For(model) : null;
            _directive = SharedValues.Share(new DeviceDirective(SharedValues.Share(ModelSlot.From(direction.Model)), direction.IsRollback, direction.ArtifactMegabytes, Accepted: true, null, Artifact: offer));
        }

        return _directive;
    }
}

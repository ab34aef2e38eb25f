using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Cohorts;

/// <summary>
/// One class of hardware. Merges the silos' batched deltas into per-variant statistics; the
/// deployment reads them to judge its gates.
/// </summary>
public sealed class CohortGrain(
    [PersistentState(FleetStorage.CohortState, FleetStorage.ProviderName)] IPersistentState<CohortState> cohort,
    IOptions<FleetGrainOptions> options,
    IHostApplicationLifetime lifetime)
    : Grain, ICohortGrain
{
    private static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(2);

    private bool _dirty;
    private IGrainTimer? _writer;

    private CohortState State => cohort.State;

    public Task Apply(CohortDelta delta)
    {
        if (!RecentBatches.Admit(State.RecentBatches, delta.BatchId))
        {
            return Task.CompletedTask;
        }

        State.BatchesApplied++;
        State.Totals.Merge(delta.Tally);
        if (options.Value.WriteThrough)
        {
            // The sender forgets the delta once this returns: it must already be stored.
            return cohort.WriteCountedAsync(this, "cohort");
        }

        // Writes are debounced: a cohort takes several batches a second, storage need not.
        _dirty = true;
        _writer ??= this.RegisterGrainTimer(WriteOnTimer, WriteDelay, WriteDelay);
        return Task.CompletedTask;
    }

    public Task<VariantMetrics> GetEvidence(string deployment, string variantKey) => Task.FromResult(State.Totals.EvidenceOf(deployment, variantKey));

    public Task<CohortSnapshot> GetSnapshot()
    {
        return Task.FromResult(CohortSnapshot.Of(this.GetPrimaryKeyString(), State.Totals, State.BatchesApplied, State.LastChoice));
    }

    public async Task RecordChoice(VariantChoice choice)
    {
        State.LastChoice = choice;
        await cohort.WriteCountedAsync(this, "cohort");
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        options.Value.ShouldSave(reason) ? WriteIfDirty() : Task.CompletedTask;

    private Task WriteOnTimer() =>
        lifetime.ApplicationStopping.IsCancellationRequested && !options.Value.SaveOnShutdown ? Task.CompletedTask : WriteIfDirty();

    private async Task WriteIfDirty()
    {
        if (_dirty)
        {
            _dirty = false;
            await cohort.WriteCountedAsync(this, "cohort");
        }
    }
}

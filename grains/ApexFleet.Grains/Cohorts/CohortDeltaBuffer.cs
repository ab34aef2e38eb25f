using System.Collections.Concurrent;
using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains.Cohorts;

/// <summary>
/// The per-silo aggregator: device grains on this silo merge their reports here in memory, and
/// <see cref="FlushAsync"/> sends each cohort one merged delta. This keeps the hot path at one grain
/// call per report (to the device) instead of two.
/// </summary>
public sealed class CohortDeltaBuffer(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _registeredCohorts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>Adds one device's change to what its cohort will get at the next flush.</summary>
    public void Record(string cohort, in CohortContribution change)
    {
        var pending = _pending.GetOrAdd(cohort, static _ => new Pending());
        lock (pending)
        {
            pending.Delta.Tally.Add(change);
            pending.Dirty = true;
        }
    }

    /// <summary>
    /// Sends one change to its cohort now, bypassing the buffer, and returns once the cohort applied
    /// (and, written through, stored) it. <paramref name="batchId"/> names the change, so sending it
    /// again applies it once.
    /// </summary>
    public async Task ApplyNowAsync(string cohort, CohortContribution change, Guid batchId)
    {
        var delta = new CohortDelta { BatchId = batchId };
        delta.Tally.Add(change);
        await RegisterAsync(cohort);
        await grains.GetGrain<ICohortGrain>(cohort).Apply(delta);
        FleetMetrics.DeltasFlushed.Add(1);
    }

    /// <summary>Sends every cohort what was recorded for it since the last flush. Nothing is lost on failure.</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var sends = new List<Task>();
            foreach (var (cohort, pending) in _pending)
            {
                CohortDelta delta;
                lock (pending)
                {
                    if (!pending.Dirty)
                    {
                        continue;
                    }

                    delta = pending.Delta;
                    pending.Delta = Pending.NewDelta();
                    pending.Dirty = false;
                }

                sends.Add(SendAsync(cohort, pending, delta));
            }

            await Task.WhenAll(sends);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task SendAsync(string cohort, Pending pending, CohortDelta delta)
    {
        try
        {
            await RegisterAsync(cohort);
            await grains.GetGrain<ICohortGrain>(cohort).Apply(delta);
            FleetMetrics.DeltasFlushed.Add(1);
        }
        catch
        {
            Restore(pending, delta);
            throw;
        }
    }

    private async Task RegisterAsync(string cohort)
    {
        if (_registeredCohorts.TryAdd(cohort, 0))
        {
            try
            {
                await grains.GetGrain<IFleetDirectoryGrain>(0).RegisterCohort(cohort);
            }
            catch
            {
                _registeredCohorts.TryRemove(cohort, out _);
                throw;
            }
        }
    }

    // The failed batch keeps its id, so a cohort that did apply it before the error ignores the retry.
    private static void Restore(Pending pending, CohortDelta failed)
    {
        lock (pending)
        {
            failed.Tally.Merge(pending.Delta.Tally);
            pending.Delta = failed;
            pending.Dirty = true;
        }
    }

    private sealed class Pending
    {
        public CohortDelta Delta { get; set; } = NewDelta();
        public bool Dirty { get; set; }

        public static CohortDelta NewDelta() => new() { BatchId = Guid.NewGuid() };
    }
}

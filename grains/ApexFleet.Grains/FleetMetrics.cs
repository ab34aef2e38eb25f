using System.Diagnostics.Metrics;
using ApexFleet.Domain.Devices;

namespace ApexFleet.Grains;

/// <summary>The <c>ApexFleet</c> meter: what the fleet does, for Prometheus and the dashboards.</summary>
public static class FleetMetrics
{
    public const string MeterName = "ApexFleet";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> ReportsAccepted =
        Meter.CreateCounter<long>("apexfleet.telemetry.accepted", "{report}", "Telemetry reports accepted by device grains");

    public static readonly Counter<long> ReportsRejected =
        Meter.CreateCounter<long>("apexfleet.telemetry.rejected", "{report}", "Telemetry reports rejected (invalid values, not enrolled)");

    /// <summary>Every refused report by <see cref="RejectionReason"/>: <c>apexfleet_rejected_reports_total{reason}</c> in Prometheus.</summary>
    public static readonly Counter<long> RejectedReports =
        Meter.CreateCounter<long>("apexfleet.rejected_reports", "{report}", "Telemetry reports refused, by reason");

    public static readonly Counter<long> DeltasFlushed =
        Meter.CreateCounter<long>("apexfleet.cohort.deltas", "{batch}", "Merged cohort deltas sent by the per-silo aggregator");

    public static readonly Counter<long> StateWrites =
        Meter.CreateCounter<long>("apexfleet.state.writes", "{write}", "Grain state writes to storage, by grain kind");

    public static readonly Counter<long> StateWriteFailures =
        Meter.CreateCounter<long>("apexfleet.state.write_failures", "{write}", "Grain state writes that failed (storage down); the activation is dropped and reloads");

    public static readonly Counter<long> RolloutDecisions =
        Meter.CreateCounter<long>("apexfleet.rollout.decisions", "{decision}", "Rollout decisions that changed a deployment's state");

    public static void Rejected(RejectionReason reason)
    {
        ReportsRejected.Add(1);
        RejectedReports.Add(1, new KeyValuePair<string, object?>("reason", reason.Label()));
    }

    /// <summary>Writes grain state and counts the write, so write amplification can be measured.</summary>
    /// <remarks>
    /// A write that fails leaves memory ahead of storage (and perhaps a stale ETag): the activation is
    /// dropped, so the next call reads what storage holds and a caller's retry is taken afresh, never
    /// answered from state that a crash would lose.
    /// </remarks>
    public static async Task WriteCountedAsync<T>(this IPersistentState<T> state, IGrainBase owner, string grain)
    {
        StateWrites.Add(1, new KeyValuePair<string, object?>("grain", grain));
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            StateWriteFailures.Add(1, new KeyValuePair<string, object?>("grain", grain));
            owner.DeactivateOnIdle();
            throw;
        }
    }
}

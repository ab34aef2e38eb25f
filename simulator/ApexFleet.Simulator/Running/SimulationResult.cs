using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Cost;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Simulator.Running;

/// <summary>One point of the rollout's course, recorded after every tick.</summary>
public sealed record TimelinePoint(int Tick, DateTimeOffset At, RolloutPhase Phase, string Stage, double Percent, long DevicesOnTarget, long DevicesOnPrevious);

/// <summary>Everything a simulated rollout produced, for the console summary and the reports.</summary>
public sealed record SimulationResult(
    string Scenario,
    ulong Seed,
    int Devices,
    int TicksRun,
    TimeSpan SimulatedTime,
    long ReportsSent,
    RolloutStatus Final,
    IReadOnlyList<AuditRecord> Audit,
    IReadOnlyList<CohortSnapshot> Cohorts,
    IReadOnlyList<TimelinePoint> Timeline,
    SimulationTimings Timings,
    RolloutCost? Cost = null,
    RolloutCost? CostAtCompletion = null)
{
    public bool Completed => Final.Phase.ReachesEveryone();

    /// <summary>
    /// Showback of what the run spent under each dimension (team, cost-center, namespace, model,
    /// cohort, variant), largest bill first: the same rows as <c>apexfleet cost --by</c>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CostRow>> SpendBy => Cost is null
        ? new Dictionary<string, IReadOnlyList<CostRow>>()
        : CostAttribution.ByName.ToDictionary(n => n.Key, n => CostShowback.Of(n.Value, [Cost]).Rows, StringComparer.Ordinal);
}

/// <summary>Wall-clock figures: the only part of a result that differs between identical runs.</summary>
public sealed record SimulationTimings(TimeSpan Enrollment, TimeSpan Rollout, double ReportsPerSecond);

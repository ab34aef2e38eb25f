using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Running;

/// <summary>
/// What one simulated rollout says about its strategy's decisions: how fast it reached everyone,
/// how much harm it let through before acting, and whether it acted when it should not have.
/// </summary>
/// <param name="Faulty">The scenario injects a fault into the version being rolled out.</param>
/// <param name="HoursTo100">Simulated hours until every remaining cohort ran the new version; null if it never did.</param>
/// <param name="ExposedDeviceHours">Device-hours spent on the faulty version (0 for a clean one).</param>
/// <param name="ExposedShareAtCatch">Share of the fleet on the new version at the first rollback; null without one.</param>
/// <param name="HoursToCatch">Simulated hours until that first rollback.</param>
/// <param name="CohortDecisions">State-changing decisions (advances, rollbacks) that named a cohort, per cohort seen.</param>
public sealed record RunOutcome(
    string Strategy,
    ulong Seed,
    bool Faulty,
    RolloutPhase Final,
    double? HoursTo100,
    double ExposedDeviceHours,
    double? ExposedShareAtCatch,
    double? HoursToCatch,
    IReadOnlyList<string> CohortsRolledBack,
    double CohortDecisions)
{
    public bool RolledBackAnything => HoursToCatch is not null;

    /// <summary>A clean release that something was rolled back for.</summary>
    public bool FalseRollback => !Faulty && RolledBackAnything;

    /// <summary>A faulty release that no rollback ever touched.</summary>
    public bool Missed => Faulty && !RolledBackAnything;

    public static RunOutcome Of(string strategy, Scenario scenario, SimulationResult result)
    {
        var start = scenario.Simulation.Start;
        var tickHours = scenario.Simulation.Tick.TotalHours;
        var faulty = scenario.Faults.Any(f => f.Version == scenario.Deployment.TargetVersion);
        var everyone = result.Timeline.FirstOrDefault(p => p.Phase.ReachesEveryone());
        var rollback = result.Audit.FirstOrDefault(a => a.Decision is nameof(DecisionKind.RollbackCohorts) or nameof(DecisionKind.RollbackDeployment));
        var atCatch = rollback is null ? null : result.Timeline.LastOrDefault(p => p.At <= rollback.At);
        var cohorts = Math.Max(1, result.Cohorts.Count);
        var named = result.Audit.Sum(a => a.CohortsRolledBack.Count + (a.CohortsAdvanced?.Count ?? 0));
        var fleetWide = result.Audit.Count(a => a.Decision is nameof(DecisionKind.Advance) or nameof(DecisionKind.Monitor) or nameof(DecisionKind.Complete) or nameof(DecisionKind.RollbackDeployment) or nameof(DecisionKind.Pause)
            && (a.CohortsAdvanced?.Count ?? 0) == 0);
        return new RunOutcome(
            strategy,
            scenario.Simulation.Seed,
            faulty,
            result.Final.Phase,
            everyone is null ? null : (everyone.At - start).TotalHours,
            faulty ? result.Timeline.Sum(p => p.DevicesOnTarget) * tickHours : 0,
            atCatch is null ? null : (double)atCatch.DevicesOnTarget / Math.Max(1, result.Devices),
            rollback is null ? null : (rollback.At - start).TotalHours,
            result.Final.ExcludedCohorts,
            ((double)named / cohorts) + fleetWide);
    }
}

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// The rollout state machine. Pure: the same definition, state, observations and time always give
/// the same decision, which is what makes a simulated rollout reproducible.
/// </summary>
/// <remarks>
/// Order of judgement, most severe first: a failing fleet-wide gate rolls everything back at once;
/// failing cohort gates roll back only those cohorts (even inside the bake window: harm is not
/// made to wait); otherwise the stage bakes; then any inconclusive gate holds; then all-pass
/// advances, or completes after the last stage.
/// </remarks>
public static partial class RolloutEngine
{
    /// <param name="baselineMetricsByCohort">
    /// What devices still on the previous version measured, per cohort, for the gates that compare
    /// (output drift, latency ratio); those gates are inconclusive without it.
    /// </param>
    public static RolloutDecision Evaluate(
        RolloutDefinition definition,
        RolloutState state,
        IReadOnlyDictionary<string, VariantMetrics> targetMetricsByCohort,
        DateTimeOffset now,
        IReadOnlyDictionary<string, VariantMetrics>? baselineMetricsByCohort = null)
    {
        if (state.Phase == RolloutPhase.Monitoring)
        {
            return Monitor(definition, state, targetMetricsByCohort, now, baselineMetricsByCohort);
        }

        if (state.Phase != RolloutPhase.Progressing)
        {
            return Hold(state, HoldCause.NotProgressing, $"rollout is {state.Phase.ToString().ToLowerInvariant()}", []);
        }

        if (definition.Progression == Progression.PerCohort)
        {
            return EvaluatePerCohort(definition, state, targetMetricsByCohort, now, baselineMetricsByCohort ?? new Dictionary<string, VariantMetrics>());
        }

        var stage = definition.Stages[state.StageIndex];
        var (active, results) = Judge(definition, stage, state, targetMetricsByCohort, baselineMetricsByCohort);
        if (RollBackOnFailure(state, results, targetMetricsByCohort.Keys, "") is { } rollback)
        {
            return rollback;
        }

        var bakedUntil = state.StageStartedAt + stage.BakeWindow;
        if (now < bakedUntil)
        {
            return Hold(state, HoldCause.Baking, $"stage '{stage.Name}' bakes until {bakedUntil:u}", results);
        }

        if (LockstepInconclusiveLimit(state, stage, results, now) is { } limited)
        {
            return limited;
        }

        var inconclusive = results.Where(r => r.Verdict == GateVerdict.Inconclusive).ToList();
        // A stage with gates needs evidence; a stage without gates only needs its bake window.
        if (inconclusive.Count > 0 || (active.Count == 0 && stage.Gates.Count > 0))
        {
            var why = active.Count == 0
                ? "no cohort has reported on the new version yet"
                : string.Join("; ", inconclusive.Select(r => r.Explain()));
            return Hold(state, HoldCause.AwaitingReports, $"waiting for evidence: {why}", results);
        }

        return Promote(definition, state, now, results, DecisionKind.Advance, "every gate passed");
    }

    /// <summary>
    /// After 100 %: the late-harm gates keep judging; a failure rolls back as it would during a stage
    /// (said to be late), and the window's end completes the rollout.
    /// </summary>
    private static RolloutDecision Monitor(
        RolloutDefinition definition,
        RolloutState state,
        IReadOnlyDictionary<string, VariantMetrics> targetMetricsByCohort,
        DateTimeOffset now,
        IReadOnlyDictionary<string, VariantMetrics>? baselineMetricsByCohort)
    {
        var stage = definition.MonitoringStage;
        var (_, results) = Judge(definition, stage, state, targetMetricsByCohort, baselineMetricsByCohort);
        if (RollBackOnFailure(state, results, targetMetricsByCohort.Keys, "late failure after completion: ") is { } rollback)
        {
            return rollback;
        }

        var watchedUntil = state.StageStartedAt + stage.BakeWindow;
        if (now < watchedUntil)
        {
            return Hold(state, HoldCause.Monitoring, $"complete; watching {string.Join(", ", stage.Gates.Select(g => g.Metric).Distinct())} until {watchedUntil:u}", results);
        }

        var done = state.Next(s => s with { Phase = RolloutPhase.Completed });
        return new(DecisionKind.Complete, done, $"monitoring window of {stage.BakeWindow.TotalDays:0.#} days passed without a late failure: rollout complete", results, []);
    }

    public static RolloutDecision Pause(RolloutState state) =>
        state.Phase == RolloutPhase.Progressing
            ? new(DecisionKind.Pause, state.Next(s => s with { Phase = RolloutPhase.Paused }), "paused", [], [])
            : Refuse(state, "pause");

    public static RolloutDecision Resume(RolloutState state) =>
        state.Phase == RolloutPhase.Paused
            ? new(DecisionKind.Resume, state.Next(s => s with { Phase = RolloutPhase.Progressing }), "resumed", [], [])
            : Refuse(state, "resume");

    /// <summary>Skip to the next stage now, whatever the gates say: a person takes responsibility.</summary>
    public static RolloutDecision ForcePromote(RolloutDefinition definition, RolloutState state, DateTimeOffset now) =>
        state.Phase.IsFinal()
            ? Refuse(state, "promote")
            : Promote(definition, state, now, [], DecisionKind.Promote, "promoted by hand");

    public static RolloutDecision Abort(RolloutState state) =>
        state.Phase.IsFinal()
            ? Refuse(state, "abort")
            : new(DecisionKind.Abort, state.Next(s => s with { Phase = RolloutPhase.Aborted }), "aborted by hand: every device returns to the previous version", [], []);

    private static RolloutDecision Promote(
        RolloutDefinition definition, RolloutState state, DateTimeOffset now, IReadOnlyList<GateResult> results, DecisionKind kind, string why)
    {
        var last = state.StageIndex == definition.Stages.Count - 1;
        if (last && definition.MonitorWindow > TimeSpan.Zero && state.Phase != RolloutPhase.Monitoring)
        {
            var watching = state.Next(s => s with { Phase = RolloutPhase.Monitoring, StageStartedAt = now });
            return new(
                kind == DecisionKind.Advance ? DecisionKind.Monitor : kind,
                watching,
                $"{why}: everyone runs it; late-harm gates keep watching for {definition.MonitorWindow.TotalDays:0.#} days",
                results,
                []);
        }

        if (last)
        {
            var done = state.Next(s => s with { Phase = RolloutPhase.Completed });
            return new(kind == DecisionKind.Advance ? DecisionKind.Complete : kind, done, $"{why}: rollout complete", results, []);
        }

        var nextStage = definition.Stages[state.StageIndex + 1];
        var next = state.Next(s => s with
        {
            StageIndex = s.StageIndex + 1,
            StageStartedAt = now,
            Phase = s.Phase == RolloutPhase.Paused && kind == DecisionKind.Promote ? RolloutPhase.Paused : s.Phase,
        });
        return new(kind, next, $"{why}: on to stage '{nextStage.Name}' ({nextStage.Percent}%)", results, []);
    }

    /// <summary>The stage's gates on every cohort still in the rollout (and the fleet they make up).</summary>
    private static (List<KeyValuePair<string, VariantMetrics>> Active, List<GateResult> Results) Judge(
        RolloutDefinition definition,
        RolloutStage stage,
        RolloutState state,
        IReadOnlyDictionary<string, VariantMetrics> targetMetricsByCohort,
        IReadOnlyDictionary<string, VariantMetrics>? baselineMetricsByCohort)
    {
        var active = targetMetricsByCohort
            .Where(kv => !state.ExcludedCohorts.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();
        return (active, JudgeGates(stage, active, baselineMetricsByCohort ?? new Dictionary<string, VariantMetrics>(), definition.PrivacyEpsilon));
    }

    /// <summary>
    /// A failing fleet-wide gate rolls everything back; failing cohort gates roll back those cohorts
    /// (everything, once no cohort is left); null when nothing failed.
    /// </summary>
    private static RolloutDecision? RollBackOnFailure(RolloutState state, List<GateResult> results, IEnumerable<string> cohorts, string lead)
    {
        if (results.FirstOrDefault(r => r.Verdict == GateVerdict.Fail && r.Gate.Scope == GateScope.Fleet) is { } fleetFailure)
        {
            var next = state.Next(s => s with { Phase = RolloutPhase.RolledBack });
            return new(DecisionKind.RollbackDeployment, next, $"{lead}fleet gate failed: {fleetFailure.Explain()}", results, []);
        }

        var failedCohorts = results
            .Where(r => r.Verdict == GateVerdict.Fail && r.Gate.Scope == GateScope.Cohort)
            .Select(r => r.Scope)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (failedCohorts.Count == 0)
        {
            return null;
        }

        var excluded = new SortedSet<string>(state.ExcludedCohorts, StringComparer.Ordinal);
        excluded.UnionWith(failedCohorts);
        var everyCohortGone = cohorts.All(excluded.Contains);
        var rolledBack = state.Next(s => s with
        {
            ExcludedCohorts = excluded,
            Phase = everyCohortGone ? RolloutPhase.RolledBack : s.Phase,
        });
        var why = string.Join("; ", results.Where(r => r.Verdict == GateVerdict.Fail).Select(r => r.Explain()));
        return everyCohortGone
            ? new(DecisionKind.RollbackDeployment, rolledBack, $"{lead}every cohort failed a gate: {why}", results, failedCohorts)
            : new(DecisionKind.RollbackCohorts, rolledBack, $"{lead}cohort gate failed: {why}", results, failedCohorts);
    }

    private static List<GateResult> JudgeGates(
        RolloutStage stage, List<KeyValuePair<string, VariantMetrics>> active, IReadOnlyDictionary<string, VariantMetrics> baselines, double? epsilon)
    {
        var results = new List<GateResult>();
        foreach (var gate in stage.Gates)
        {
            if (gate.Scope == GateScope.Fleet)
            {
                var fleetBaseline = VariantMetrics.MergeAll(active.Where(kv => baselines.ContainsKey(kv.Key)).Select(kv => baselines[kv.Key]));
                results.Add(GateResult.Judge(gate, GateResult.FleetScope, VariantMetrics.MergeAll(active.Select(kv => kv.Value)), fleetBaseline, epsilon));
                continue;
            }

            results.AddRange(active.Select(kv => GateResult.Judge(gate, kv.Key, kv.Value, baselines.GetValueOrDefault(kv.Key), epsilon)));
        }

        return results;
    }

    /// <summary>Lock-step: the stage's inconclusive policy acts on the whole rollout, or (rollback of a cohort gate) on the undecided cohorts.</summary>
    private static RolloutDecision? LockstepInconclusiveLimit(RolloutState state, RolloutStage stage, List<GateResult> results, DateTimeOffset now)
    {
        var due = DueInconclusive(stage, results, state.StageStartedAt, now).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var why = string.Join("; ", due.Select(d => d.Why));
        if (due.Any(d => d.Policy.OnInconclusive == InconclusiveAction.Rollback && d.Gate.Gate.Scope == GateScope.Fleet))
        {
            return new(DecisionKind.RollbackDeployment, state.Next(s => s with { Phase = RolloutPhase.RolledBack }), why, results, []);
        }

        var cohorts = due.Where(d => d.Policy.OnInconclusive == InconclusiveAction.Rollback).Select(d => d.Gate.Scope).Distinct().Order(StringComparer.Ordinal).ToList();
        if (cohorts.Count > 0)
        {
            var excluded = new SortedSet<string>(state.ExcludedCohorts.Concat(cohorts), StringComparer.Ordinal);
            var next = state.Next(s => s with { ExcludedCohorts = excluded });
            return new(DecisionKind.RollbackCohorts, next, why, results, cohorts);
        }

        return due.Any(d => d.Policy.OnInconclusive == InconclusiveAction.Pause)
            ? new(DecisionKind.Pause, state.Next(s => s with { Phase = RolloutPhase.Paused }), $"paused by inconclusive policy: {why}", results, [])
            : Hold(state, HoldCause.InconclusiveLimit, $"holding by inconclusive policy: {why}", results);
    }

    private static RolloutDecision Hold(RolloutState state, HoldCause cause, string why, IReadOnlyList<GateResult> results) =>
        new(DecisionKind.Hold, state, why, results, [], cause);

    private static RolloutDecision Refuse(RolloutState state, string action) =>
        new(DecisionKind.Hold, state, $"cannot {action}: rollout is {state.Phase.ToString().ToLowerInvariant()}", [], [], HoldCause.Refused);
}

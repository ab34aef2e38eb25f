namespace ApexFleet.Domain.Rollout;

/// <summary>Per-cohort progression: each cohort moves through the stages on its own evidence.</summary>
public static partial class RolloutEngine
{
    /// <remarks>
    /// Each cohort is judged on its own stage's cohort gates; the fleet gates of every stage in use
    /// are judged on the whole fleet and bind every cohort in that stage. A failing fleet gate rolls
    /// everything back; a failing cohort gate rolls back only that cohort; an undecided gate holds
    /// only its cohort, until its stage's inconclusive policy acts. The rollout completes when every
    /// cohort still in it has passed the last stage.
    /// </remarks>
    private static RolloutDecision EvaluatePerCohort(
        RolloutDefinition definition,
        RolloutState state,
        IReadOnlyDictionary<string, VariantMetrics> targetMetricsByCohort,
        DateTimeOffset now,
        IReadOnlyDictionary<string, VariantMetrics> baselines)
    {
        var active = targetMetricsByCohort
            .Where(kv => !state.ExcludedCohorts.Contains(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToList();
        var floorStage = definition.Stages[state.StageIndex];
        if (active.Count == 0)
        {
            // The fleet gates are shown awaiting evidence, as lock-step shows them.
            var empty = VariantMetrics.MergeAll([]);
            var awaiting = floorStage.Gates.Where(g => g.Scope == GateScope.Fleet)
                .Select(g => GateResult.Judge(g, GateResult.FleetScope, empty, null, definition.PrivacyEpsilon)).ToList();
            // A stage nobody reports from is undecided too: its limit acts on the whole rollout, as no cohort is in it.
            var unheard = floorStage.Gates.Select(g => GateResult.Judge(g with { Scope = GateScope.Fleet }, GateResult.FleetScope, empty, null, definition.PrivacyEpsilon)).ToList();
            if (LockstepInconclusiveLimit(state, floorStage, unheard, now) is { } limit)
            {
                return limit;
            }

            return floorStage.Gates.Count > 0 || now < state.StageStartedAt + floorStage.BakeWindow
                ? Hold(state, HoldCause.AwaitingReports, "waiting for evidence: no cohort has reported on the new version yet", awaiting)
                : Promote(definition, state, now, [], DecisionKind.Advance, "a stage without gates has baked");
        }

        // A cohort seen for the first time joins where the slowest cohort stands.
        var progress = new SortedDictionary<string, CohortProgress>(StringComparer.Ordinal);
        foreach (var (cohort, _) in active)
        {
            progress[cohort] = state.ProgressOf(cohort);
        }

        foreach (var (cohort, p) in state.CohortProgress)
        {
            progress.TryAdd(cohort, p);
        }

        var fleetMetrics = VariantMetrics.MergeAll(active.Select(kv => kv.Value));
        var fleetBaseline = VariantMetrics.MergeAll(active.Where(kv => baselines.ContainsKey(kv.Key)).Select(kv => baselines[kv.Key]));
        var fleetByStage = active.Select(kv => progress[kv.Key]).Where(p => !p.Done).Select(p => p.StageIndex).Distinct().Order()
            .ToDictionary(s => s, s => definition.Stages[s].Gates.Where(g => g.Scope == GateScope.Fleet)
                .Select(g => GateResult.Judge(g, GateResult.FleetScope, fleetMetrics, fleetBaseline, definition.PrivacyEpsilon)).ToList());
        var byCohort = active.Where(kv => !progress[kv.Key].Done).ToDictionary(
            kv => kv.Key,
            kv => definition.Stages[progress[kv.Key].StageIndex].Gates.Where(g => g.Scope == GateScope.Cohort)
                .Select(g => GateResult.Judge(g, kv.Key, kv.Value, baselines.GetValueOrDefault(kv.Key), definition.PrivacyEpsilon)).ToList());
        var results = fleetByStage.Values.SelectMany(r => r).Concat(byCohort.Values.SelectMany(r => r)).ToList();

        if (results.FirstOrDefault(r => r.Verdict == GateVerdict.Fail && r.Gate.Scope == GateScope.Fleet) is { } fleetFailure)
        {
            return new(DecisionKind.RollbackDeployment, state.Next(s => s with { Phase = RolloutPhase.RolledBack }), $"fleet gate failed: {fleetFailure.Explain()}", results, []);
        }

        var failed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var limits = new List<string>();
        var pause = false;
        foreach (var (cohort, own) in byCohort)
        {
            if (own.FirstOrDefault(r => r.Verdict == GateVerdict.Fail) is { } failure)
            {
                failed[cohort] = failure.Explain();
                continue;
            }

            var p = progress[cohort];
            foreach (var (gate, policy, why) in DueInconclusive(definition.Stages[p.StageIndex], own.Concat(fleetByStage[p.StageIndex]), p.StageStartedAt, now))
            {
                if (policy.OnInconclusive == InconclusiveAction.Rollback && gate.Gate.Scope == GateScope.Fleet)
                {
                    return new(DecisionKind.RollbackDeployment, state.Next(s => s with { Phase = RolloutPhase.RolledBack }), why, results, []);
                }

                if (policy.OnInconclusive == InconclusiveAction.Rollback)
                {
                    failed.TryAdd(cohort, why);
                }
                else
                {
                    pause |= policy.OnInconclusive == InconclusiveAction.Pause;
                    limits.Add(why);
                }
            }
        }

        var advanced = new List<string>();
        foreach (var (cohort, own) in byCohort)
        {
            var p = progress[cohort];
            var stage = definition.Stages[p.StageIndex];
            if (pause || failed.ContainsKey(cohort) || now < p.StageStartedAt + stage.BakeWindow
                || !own.Concat(fleetByStage[p.StageIndex]).All(r => r.Verdict == GateVerdict.Pass))
            {
                continue;
            }

            progress[cohort] = p.StageIndex == definition.Stages.Count - 1 ? p with { Done = true } : new CohortProgress(p.StageIndex + 1, now);
            advanced.Add(cohort);
        }

        var excluded = new SortedSet<string>(state.ExcludedCohorts, StringComparer.Ordinal);
        excluded.UnionWith(failed.Keys);
        var remaining = progress.Where(kv => !excluded.Contains(kv.Key)).Select(kv => kv.Value).ToList();
        var last = definition.Stages.Count - 1;
        var floor = remaining.Count == 0 ? state.StageIndex : remaining.Min(p => p.Done ? last : p.StageIndex);
        var everyCohortGone = targetMetricsByCohort.Keys.All(excluded.Contains);
        var next = state.Next(s => s with
        {
            ExcludedCohorts = excluded,
            Cohorts = new SortedDictionary<string, CohortProgress>(progress, StringComparer.Ordinal),
            StageIndex = floor,
            StageStartedAt = floor != s.StageIndex ? now : s.StageStartedAt,
            Phase = everyCohortGone ? RolloutPhase.RolledBack : pause ? RolloutPhase.Paused : s.Phase,
        });
        var moves = advanced.Count == 0 ? "" : $"; {Moves(definition, progress, advanced)}";
        if (everyCohortGone)
        {
            return new(DecisionKind.RollbackDeployment, next, $"every cohort failed a gate: {string.Join("; ", failed.Values)}", results, [.. failed.Keys]);
        }

        if (failed.Count > 0)
        {
            return new(DecisionKind.RollbackCohorts, next, $"cohort gate failed: {string.Join("; ", failed.Values)}{moves}", results, [.. failed.Keys], CohortsAdvanced: advanced);
        }

        if (pause)
        {
            return new(DecisionKind.Pause, next, $"paused by inconclusive policy: {string.Join("; ", limits)}", results, []);
        }

        if (remaining.Count > 0 && remaining.All(p => p.Done))
        {
            return Promote(definition, next, now, results, DecisionKind.Advance, $"every cohort passed the last stage{moves}");
        }

        if (advanced.Count > 0)
        {
            return new(DecisionKind.Advance, next, Moves(definition, progress, advanced), results, [], CohortsAdvanced: advanced);
        }

        var waiting = results.Where(r => r.Verdict == GateVerdict.Inconclusive).Select(r => r.Explain()).ToList();
        return limits.Count > 0 ? Hold(state, HoldCause.InconclusiveLimit, $"holding by inconclusive policy: {string.Join("; ", limits)}", results)
            : waiting.Count > 0 ? Hold(state, HoldCause.AwaitingReports, $"waiting for evidence: {string.Join("; ", waiting)}", results)
            : Hold(state, HoldCause.Baking, Baking(definition, progress, byCohort.Keys), results);
    }

    private static string Baking(RolloutDefinition definition, IReadOnlyDictionary<string, CohortProgress> progress, IEnumerable<string> cohorts) =>
        string.Join("; ", cohorts.GroupBy(c => progress[c].StageIndex).OrderBy(g => g.Key).Select(g =>
            $"stage '{definition.Stages[g.Key].Name}' bakes until {g.Min(c => progress[c].StageStartedAt) + definition.Stages[g.Key].BakeWindow:u} ({string.Join(", ", g)})"));

    private static string Moves(RolloutDefinition definition, IReadOnlyDictionary<string, CohortProgress> progress, IReadOnlyList<string> advanced) =>
        string.Join("; ", advanced.GroupBy(c => progress[c]).Select(g => g.Key.Done
            ? $"{string.Join(", ", g)} passed the last stage"
            : $"{string.Join(", ", g)} on to stage '{definition.Stages[g.Key.StageIndex].Name}' ({definition.Stages[g.Key.StageIndex].Percent}%)"));

    /// <summary>The undecided gates whose policy's time is up, with the sentence the audit log keeps.</summary>
    private static IEnumerable<(GateResult Gate, InconclusivePolicy Policy, string Why)> DueInconclusive(
        RolloutStage stage, IEnumerable<GateResult> results, DateTimeOffset enteredStage, DateTimeOffset now)
    {
        foreach (var result in results.Where(r => r.Verdict == GateVerdict.Inconclusive))
        {
            var policy = stage.PolicyFor(result.Gate);
            if (policy.IsDue(enteredStage, now))
            {
                yield return (result, policy, $"{result.Explain()}; undecided for {(now - enteredStage).TotalHours:0.#} h in stage '{stage.Name}', past its limit of {policy.MaxDuration.TotalHours:0.#} h: {policy.OnInconclusive.ToString().ToLowerInvariant()}");
            }
        }
    }
}

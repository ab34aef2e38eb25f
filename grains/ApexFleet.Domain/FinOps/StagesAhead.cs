using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// The inferences the new version will still run in each cohort before everyone runs it, from where
/// the rollout stands. Each cohort stays at its stage until its bake window is over and its gates have
/// the samples they are short of (<see cref="GateSamples"/>), gathered at the pace the cohort gathered
/// them so far (samples per inference; a cohort with none yet, at the other cohorts' pace); then bakes through each later
/// stage; and, once through, keeps running the new version until the last cohort is. Cohorts in
/// lock-step leave each stage together, when the slowest may; none waits past its stage's
/// inconclusive limit when that limit pauses or rolls back. Phones use the model at the level
/// measured, carried through the day by the fleet's usage cycle; the phones each stage adds start the
/// ramp's lag after it began (<see cref="TargetExposure.RampLag"/>).
/// </summary>
public static class StagesAhead
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(3650);

    /// <param name="phonesByCohort">Phones the rollout will reach in each cohort (none in a rolled-back one).</param>
    /// <param name="inferencesByCohort">Inferences each cohort has run on the new version so far.</param>
    /// <param name="level">Inferences per phone-hour at the usage cycle's weight 1.</param>
    public static IReadOnlyDictionary<string, double> Inferences(
        RolloutDefinition definition,
        RolloutState state,
        DateTimeOffset now,
        IReadOnlyList<GateSamples> gates,
        IReadOnlyDictionary<string, double> phonesByCohort,
        IReadOnlyDictionary<string, long> inferencesByCohort,
        double level,
        UsageCycle cycle,
        TimeSpan rampLag = default)
    {
        var ahead = new Dictionary<string, double>(StringComparer.Ordinal);
        if (state.Phase is not (RolloutPhase.Progressing or RolloutPhase.Paused) || level <= 0)
        {
            return ahead;
        }

        var stages = definition.Stages;
        var cohorts = phonesByCohort.Where(kv => kv.Value > 0).Select(kv => (Name: kv.Key, Phones: kv.Value, Progress: state.ProgressOf(kv.Key))).ToList();
        var inStage = cohorts.Where(c => !c.Progress.Done).Sum(c => c.Phones * stages[c.Progress.StageIndex].Percent / 100);
        var fleetWait = inStage <= 0 ? 0 : FleetShortfall(gates, inferencesByCohort.Values.Sum()) / (inStage * level);

        // When each cohort may leave the stage it is in.
        var leaves = cohorts.Where(c => !c.Progress.Done).ToDictionary(c => c.Name, c =>
        {
            var stage = stages[c.Progress.StageIndex];
            var bake = cycle.HoursBetween(now, c.Progress.StageStartedAt + stage.BakeWindow);
            var phones = c.Phones * stage.Percent / 100;
            var samples = phones <= 0 ? 0 : CohortShortfall(gates, c.Name, inferencesByCohort) / (phones * level);
            var ready = cycle.After(now, Math.Max(bake, Math.Max(samples, fleetWait)));
            // A stage that acts on gates undecided for too long (pause, roll back) ends the wait there.
            return stage.Inconclusive is { OnInconclusive: not InconclusiveAction.Hold, MaxDuration: var limit } && limit < MaxWait
                && c.Progress.StageStartedAt + limit is var cut && cut < ready
                ? (cut > now ? cut : now)
                : ready;
        });
        if (definition.Progression == Progression.Lockstep && leaves.Count > 0)
        {
            var slowest = leaves.Values.Max();
            foreach (var name in leaves.Keys.ToList())
            {
                leaves[name] = slowest;
            }
        }

        var through = new Dictionary<string, DateTimeOffset>();
        foreach (var (name, phones, progress) in cohorts)
        {
            if (progress.Done)
            {
                through[name] = now;
                continue;
            }

            var at = leaves[name];
            var current = progress.StageIndex;
            var ramped = progress.StageStartedAt + rampLag;
            double hours = (stages[current].Percent / 100 * cycle.HoursBetween(now, at))
                - (Joining(stages, current) * cycle.HoursBetween(now, Min(at, ramped > now ? ramped : now)));
            for (var next = current + 1; next < stages.Count; next++)
            {
                var ends = at + stages[next].BakeWindow;
                hours += (stages[next].Percent / 100 * cycle.HoursBetween(at, ends)) - (Joining(stages, next) * cycle.HoursBetween(at, Min(ends, at + rampLag)));
                at = ends;
            }

            through[name] = at;
            ahead[name] = phones * hours * level;
        }

        var everyone = through.Values.DefaultIfEmpty(now).Max();
        var last = stages[^1].Percent / 100;
        foreach (var (name, phones, _) in cohorts)
        {
            ahead[name] = ahead.GetValueOrDefault(name) + (phones * last * cycle.HoursBetween(through[name], everyone) * level);
        }

        return ahead;
    }

    /// <summary>
    /// Phones the stages ask to run the new version now: each cohort's share at the stage it is in, the
    /// last stage's once it is through; none outside a rollout in progress.
    /// </summary>
    public static double Offered(RolloutDefinition definition, RolloutState state, IReadOnlyDictionary<string, double> phonesByCohort)
    {
        if (state.Phase is not (RolloutPhase.Progressing or RolloutPhase.Paused))
        {
            return 0;
        }

        var stages = definition.Stages;
        return phonesByCohort.Sum(kv => state.ProgressOf(kv.Key) is var p && p.Done
            ? kv.Value * stages[^1].Percent / 100
            : kv.Value * stages[p.StageIndex].Percent / 100);
    }

    /// <summary>The share of a cohort's phones a stage adds to those the stage before had.</summary>
    private static double Joining(IReadOnlyList<RolloutStage> stages, int stage) =>
        Math.Max(0, stages[stage].Percent - (stage == 0 ? 0 : stages[stage - 1].Percent)) / 100;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Inferences the cohort still has to run for its most wanting gate.</summary>
    private static double CohortShortfall(IReadOnlyList<GateSamples> gates, string cohort, IReadOnlyDictionary<string, long> inferencesByCohort)
    {
        var ran = inferencesByCohort.GetValueOrDefault(cohort);
        double most = 0;
        foreach (var gate in gates.Where(g => g.IsShort && g.Scope == cohort))
        {
            var perInference = gate.Samples > 0 && ran > 0 ? gate.Samples / (double)ran : Pooled(gates, gate.Metric, inferencesByCohort);
            if (perInference > 0)
            {
                most = Math.Max(most, (gate.Needed - gate.Samples) / perInference);
            }
        }

        return most;
    }

    /// <summary>Inferences the fleet still has to run for its most wanting fleet-wide gate.</summary>
    private static double FleetShortfall(IReadOnlyList<GateSamples> gates, long ran) =>
        gates.Where(g => g.IsShort && g.Scope == GateResult.FleetScope && g.Samples > 0 && ran > 0)
            .Select(g => (g.Needed - g.Samples) / (g.Samples / (double)ran))
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>Samples per inference of a cohort gate across the cohorts that have some.</summary>
    private static double Pooled(IReadOnlyList<GateSamples> gates, string metric, IReadOnlyDictionary<string, long> inferencesByCohort)
    {
        var measured = gates.Where(g => g.Metric == metric && g.Scope != GateResult.FleetScope && g.Samples > 0 && inferencesByCohort.GetValueOrDefault(g.Scope) > 0).ToList();
        var ran = measured.Sum(g => (double)inferencesByCohort[g.Scope]);
        return ran > 0 ? measured.Sum(g => (double)g.Samples) / ran : 0;
    }
}

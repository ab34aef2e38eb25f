namespace ApexFleet.Domain.Pareto;

/// <summary>
/// Picks one candidate out of many against several objectives: drops the candidates that break a
/// constraint, sorts the rest into Pareto fronts, measures the first front's hypervolume, and lets
/// a preference choose on the first front. Pure and deterministic: every tie goes to the smallest
/// id (ordinal), so the same table always gives the same answer and the same explanations.
/// </summary>
public static class ParetoAnalyzer
{
    /// <param name="reference">
    /// Hypervolume reference point in original units, one value per objective (a bound no member
    /// should be worse than: an upper bound for a min objective, a lower one for max). Default: the
    /// worst feasible value of each objective, made 10% of its range worse (10% of the value, or 1,
    /// when every candidate has the same value), so the extreme members still count.
    /// </param>
    public static ParetoAnalysis Analyze(
        IReadOnlyList<Objective> objectives,
        IReadOnlyList<Candidate> candidates,
        IReadOnlyList<Constraint> constraints,
        Preference preference,
        IReadOnlyDictionary<string, double>? reference = null)
    {
        Objective.EnsureDistinct(objectives);
        Validate(objectives, candidates);
        var constrained = constraints.Select(c => Objective.IndexOf(objectives, c.Objective, $"constraint '{c}'")).ToArray();
        preference.Validate(objectives);
        var explicitReference = reference is null ? null : ReadReference(objectives, reference);

        var infeasible = new List<Infeasibility>();
        var feasible = new List<Candidate>();
        foreach (var candidate in candidates.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var violations = constraints
                .Select((c, k) => new ConstraintViolation(c, candidate.Values[constrained[k]]))
                .Where(v => !v.Constraint.Holds(v.Observed))
                .ToList();
            if (violations.Count > 0)
            {
                infeasible.Add(new Infeasibility(candidate.Id, violations));
            }
            else
            {
                feasible.Add(candidate);
            }
        }

        var minimized = feasible.Select(c => c.Values.Select((v, j) => objectives[j].ToMinimized(v)).ToArray()).ToList();
        var fronts = NonDominatedSort.Fronts(minimized);
        var dominatedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var explanations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var k = 1; k < fronts.Count; k++)
        {
            foreach (var i in fronts[k])
            {
                // Feasible candidates are in id order, so the first dominator found has the smallest id.
                var by = fronts[k - 1].First(d => Dominance.Dominates(minimized[d], minimized[i]));
                dominatedBy[feasible[i].Id] = feasible[by].Id;
                explanations[feasible[i].Id] = $"front {k + 1}: dominated by {feasible[by].Id} ({Advantage(objectives, feasible[by], feasible[i])})";
            }
        }

        var first = fronts.Count == 0 ? [] : fronts[0].Select(i => feasible[i]).ToList();
        var choice = first.Count == 0 ? null : preference.Choose(objectives, first);
        foreach (var member in first)
        {
            explanations[member.Id] = member.Id == choice?.Id
                ? $"front 1, chosen ({choice.Rule}): {choice.Why}"
                : "front 1: no feasible candidate dominates it";
        }

        foreach (var item in infeasible)
        {
            explanations[item.Id] = item.Explain();
        }

        var referencePoint = feasible.Count == 0 ? [] : explicitReference ?? DefaultReference(objectives, feasible);
        var volume = first.Count == 0
            ? 0
            : Hypervolume.Compute(
                [.. fronts[0].Select(i => minimized[i])],
                [.. referencePoint.Select((r, j) => objectives[j].ToMinimized(r))]);

        return new ParetoAnalysis(
            objectives,
            [.. fronts.Select(f => (IReadOnlyList<string>)[.. f.Select(i => feasible[i].Id)])],
            infeasible,
            dominatedBy,
            choice,
            referencePoint,
            volume,
            explanations);
    }

    private static string Advantage(IReadOnlyList<Objective> objectives, Candidate winner, Candidate loser)
    {
        var better = objectives
            .Select((o, j) => (o, j))
            .Where(x => x.o.ToMinimized(winner.Values[x.j]) < x.o.ToMinimized(loser.Values[x.j]))
            .Select(x => $"{x.o.Name} {ParetoText.Number(winner.Values[x.j])} vs {ParetoText.Number(loser.Values[x.j])}");
        return $"better {string.Join(", ", better)}; no worse elsewhere";
    }

    private static void Validate(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> candidates)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrWhiteSpace(candidate.Id))
            {
                throw new ParetoInputException("every candidate needs an id");
            }

            if (!ids.Add(candidate.Id))
            {
                throw new ParetoInputException($"candidate '{candidate.Id}' appears more than once");
            }

            if (candidate.Values.Count != objectives.Count)
            {
                throw new ParetoInputException($"candidate '{candidate.Id}' has {candidate.Values.Count} values for {objectives.Count} objectives");
            }

            var bad = candidate.Values.Select((v, j) => (v, j)).FirstOrDefault(x => !double.IsFinite(x.v), (0, -1));
            if (bad.j >= 0)
            {
                throw new ParetoInputException($"candidate '{candidate.Id}': {objectives[bad.j].Name} is not a finite number");
            }
        }
    }

    private static double[] ReadReference(IReadOnlyList<Objective> objectives, IReadOnlyDictionary<string, double> reference)
    {
        foreach (var name in reference.Keys)
        {
            Objective.IndexOf(objectives, name, "the reference point");
        }

        var missing = objectives.Where(o => !reference.ContainsKey(o.Name)).Select(o => o.Name).ToList();
        if (missing.Count > 0)
        {
            throw new ParetoInputException($"the reference point needs a value for every objective; missing: {string.Join(", ", missing)}");
        }

        return [.. objectives.Select(o => reference[o.Name])];
    }

    private static double[] DefaultReference(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> feasible) =>
        [.. objectives.Select((o, j) =>
        {
            var worst = feasible.Max(c => o.ToMinimized(c.Values[j]));
            var range = worst - feasible.Min(c => o.ToMinimized(c.Values[j]));
            var margin = range > 0 ? 0.1 * range : worst != 0 ? 0.1 * Math.Abs(worst) : 1;
            return o.ToMinimized(worst + margin); // back to original units: the turn is its own inverse
        })];
}

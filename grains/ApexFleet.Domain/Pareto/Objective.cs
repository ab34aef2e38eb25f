namespace ApexFleet.Domain.Pareto;

/// <summary>A quantity to optimise and which way is better, e.g. <c>latency:min</c> or <c>accuracy:max</c>.</summary>
public sealed record Objective(string Name, ObjectiveDirection Direction)
{
    /// <summary>
    /// The value turned so that smaller is always better; the sort, the hypervolume and the
    /// preferences all work on these and never look at the direction again.
    /// </summary>
    public double ToMinimized(double value) => Direction == ObjectiveDirection.Minimize ? value : -value;

    public override string ToString() => $"{Name}:{(Direction == ObjectiveDirection.Minimize ? "min" : "max")}";

    /// <summary>Reads <c>latency:min,energy:min,accuracy:max</c>.</summary>
    public static IReadOnlyList<Objective> ParseList(string text)
    {
        var objectives = new List<Objective>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(':', StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0)
            {
                throw new ParetoInputException($"objective '{part}' must be NAME:min or NAME:max");
            }

            var direction = pieces[1].ToLowerInvariant() switch
            {
                "min" => ObjectiveDirection.Minimize,
                "max" => ObjectiveDirection.Maximize,
                _ => throw new ParetoInputException($"objective '{part}': direction must be min or max (got '{pieces[1]}')"),
            };
            objectives.Add(new Objective(pieces[0], direction));
        }

        EnsureDistinct(objectives);
        return objectives;
    }

    public static void EnsureDistinct(IReadOnlyList<Objective> objectives)
    {
        if (objectives.Count == 0)
        {
            throw new ParetoInputException("at least one objective is needed");
        }

        var twice = objectives.GroupBy(o => o.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ParetoInputException($"objective '{twice.Key}' is named more than once");
        }
    }

    public static int IndexOf(IReadOnlyList<Objective> objectives, string name, string usedBy)
    {
        for (var i = 0; i < objectives.Count; i++)
        {
            if (string.Equals(objectives[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ParetoInputException($"{usedBy} names '{name}', which is not an objective; objectives: {string.Join(", ", objectives.Select(o => o.Name))}");
    }
}

namespace ApexFleet.Domain.Pareto;

/// <summary>How one member of the first front is picked: every member is a defensible trade-off, so the pick is a policy.</summary>
public abstract record Preference
{
    /// <summary>Scores closer than this are a tie, broken by id, so rounding noise never decides.</summary>
    protected const double Tolerance = 1e-12;

    /// <summary>The rule's name as the command line spells it.</summary>
    public abstract string Rule { get; }

    /// <summary>Rejects settings that name unknown objectives or make no sense; called before any candidate is judged.</summary>
    public virtual void Validate(IReadOnlyList<Objective> objectives)
    {
    }

    /// <param name="front">First-front members in original units; ties go to the smallest id (ordinal).</param>
    public ParetoChoice Choose(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front)
    {
        if (front.Count == 0)
        {
            throw new ArgumentException("the front is empty", nameof(front));
        }

        var ordered = front.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        return ordered.Count == 1
            ? new ParetoChoice(ordered[0].Id, Rule, "the only candidate on the first front", new Dictionary<string, double>(StringComparer.Ordinal))
            : ChooseAmong(objectives, ordered);
    }

    /// <param name="front">At least two members, ordered by id.</param>
    protected abstract ParetoChoice ChooseAmong(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front);

    /// <summary>The lowest score, the first in id order among (near-)equal ones, and the runner-up.</summary>
    protected static (int Best, int? Next) Lowest(IReadOnlyList<double> scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Count; i++)
        {
            if (scores[i] < scores[best] - Tolerance)
            {
                best = i;
            }
        }

        int? next = null;
        for (var i = 0; i < scores.Count; i++)
        {
            if (i != best && (next is null || scores[i] < scores[next.Value] - Tolerance))
            {
                next = i;
            }
        }

        return (best, next);
    }

    public static Preference Parse(string rule, IReadOnlyDictionary<string, double>? weights = null) => rule switch
    {
        "weighted" => new WeightedSumPreference(weights),
        "lexicographic" => new LexicographicPreference(null),
        "knee" => new KneePreference(),
        _ => throw new ParetoInputException($"preference '{rule}' must be weighted, lexicographic or knee"),
    };
}

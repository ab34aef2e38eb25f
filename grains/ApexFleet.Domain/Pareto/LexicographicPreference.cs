namespace ApexFleet.Domain.Pareto;

/// <summary>
/// The best value of the first objective in <see cref="Order"/>; exact ties are settled by the next
/// objective, and so on, then by id. Objectives missing from the order follow in their own order;
/// no order means the objectives' order.
/// </summary>
public sealed record LexicographicPreference(IReadOnlyList<string>? Order) : Preference
{
    public override string Rule => "lexicographic";

    public override void Validate(IReadOnlyList<Objective> objectives) => Resolve(objectives);

    protected override ParetoChoice ChooseAmong(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front)
    {
        var order = Resolve(objectives);
        var remaining = front.ToList();
        var steps = new List<string>();
        foreach (var j in order)
        {
            var objective = objectives[j];
            var best = remaining.Min(c => objective.ToMinimized(c.Values[j]));
            remaining = [.. remaining.Where(c => objective.ToMinimized(c.Values[j]) == best)];
            var value = ParetoText.Number(remaining[0].Values[j]);
            steps.Add(remaining.Count == 1
                ? $"best {objective.Name} {value}"
                : $"best {objective.Name} {value} shared by {string.Join(", ", remaining.Select(c => c.Id))}");
            if (remaining.Count == 1)
            {
                break;
            }
        }

        var names = string.Join(", then ", order.Select(j => objectives[j].Name));
        var why = $"{remaining[0].Id} is first in the order {names}: {string.Join("; ", steps)}" +
            (remaining.Count > 1 ? "; equal on every objective, so the first id" : "");
        return new ParetoChoice(remaining[0].Id, Rule, why, new Dictionary<string, double>(StringComparer.Ordinal));
    }

    private List<int> Resolve(IReadOnlyList<Objective> objectives)
    {
        var order = new List<int>();
        foreach (var name in Order ?? [])
        {
            var index = Objective.IndexOf(objectives, name, "the lexicographic order");
            if (order.Contains(index))
            {
                throw new ParetoInputException($"the lexicographic order names '{name}' more than once");
            }

            order.Add(index);
        }

        order.AddRange(Enumerable.Range(0, objectives.Count).Where(j => !order.Contains(j)));
        return order;
    }
}

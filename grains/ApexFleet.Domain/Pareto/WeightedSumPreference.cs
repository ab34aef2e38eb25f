namespace ApexFleet.Domain.Pareto;

/// <summary>
/// The lowest weighted sum of min-max normalised objectives (see <see cref="NormalizedFront"/>).
/// Weights are scaled to sum to 1; an objective without a weight counts 0; no weights at all means
/// equal weights. Normalising over the front makes the weights independent of units.
/// </summary>
public sealed record WeightedSumPreference(IReadOnlyDictionary<string, double>? Weights) : Preference
{
    public override string Rule => "weighted";

    public override void Validate(IReadOnlyList<Objective> objectives) => Resolve(objectives);

    protected override ParetoChoice ChooseAmong(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front)
    {
        var weights = Resolve(objectives);
        var normalized = new NormalizedFront(objectives, front);
        var scores = normalized.Values.Select(x => x.Select((v, j) => v * weights[j]).Sum()).ToArray();
        var (best, next) = Lowest(scores);
        var described = string.Join(", ", objectives.Select((o, j) => $"{o.Name} {ParetoText.Number(weights[j])}"));
        var why = $"{front[best].Id} has the lowest weighted sum, {ParetoText.Number(scores[best])}, of the objectives normalised over the first front " +
            $"(0 best, 1 worst) with weights {described}" +
            (next is { } n ? $"; next {front[n].Id} {ParetoText.Number(scores[n])}" : "");
        return new ParetoChoice(front[best].Id, Rule, why, Scores(front, scores));
    }

    private double[] Resolve(IReadOnlyList<Objective> objectives)
    {
        if (Weights is null || Weights.Count == 0)
        {
            return [.. objectives.Select(_ => 1.0 / objectives.Count)];
        }

        var weights = new double[objectives.Count];
        foreach (var (name, weight) in Weights)
        {
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ParetoInputException($"weight {name}={ParetoText.Number(weight)} must be a non-negative number");
            }

            weights[Objective.IndexOf(objectives, name, "a weight")] = weight;
        }

        var total = weights.Sum();
        if (total <= 0)
        {
            throw new ParetoInputException("at least one weight must be above 0");
        }

        return [.. weights.Select(w => w / total)];
    }

    internal static IReadOnlyDictionary<string, double> Scores(IReadOnlyList<Candidate> front, IReadOnlyList<double> scores) =>
        front.Select((c, i) => (c.Id, Score: scores[i])).ToDictionary(x => x.Id, x => x.Score, StringComparer.Ordinal);
}

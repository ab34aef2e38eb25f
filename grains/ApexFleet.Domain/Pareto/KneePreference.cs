using MathNet.Numerics.LinearAlgebra;

namespace ApexFleet.Domain.Pareto;

/// <summary>
/// The knee: the member farthest from the hyperplane through the front's extreme members, on the
/// side of the ideal point, in min-max normalised objectives (Das 1999; Branke et al. 2004). With
/// two objectives this is the member farthest below the line joining the two ends of the front —
/// the point where giving up a little of one objective stops buying much of the other.
/// </summary>
/// <remarks>
/// The extreme member of objective i is the one best on i (ties: lowest sum of the other normalised
/// objectives, then id). When the extremes do not span a hyperplane (fewer distinct extremes than
/// objectives) the plane Σxᵢ = M−1 through the corners of the normalised box stands in; with two
/// objectives both are the same line. The signed distance is (1 − n·x)/‖n‖ for the plane n·x = 1.
/// With a single objective the knee is simply the best member.
/// </remarks>
public sealed record KneePreference : Preference
{
    public override string Rule => "knee";

    protected override ParetoChoice ChooseAmong(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front)
    {
        var normalized = new NormalizedFront(objectives, front);
        var m = objectives.Count;
        if (m == 1)
        {
            var (bestOnly, _) = Lowest([.. normalized.Values.Select(x => x[0])]);
            return new ParetoChoice(front[bestOnly].Id, Rule, $"one objective: the best {objectives[0].Name} {ParetoText.Number(front[bestOnly].Values[0])}",
                new Dictionary<string, double>(StringComparer.Ordinal));
        }

        var extremes = Enumerable.Range(0, m).Select(i => Extreme(normalized.Values, i)).ToArray();
        var (normal, through) = Plane(normalized.Values, extremes);
        var length = Math.Sqrt(normal.Sum(v => v * v));
        var distances = normalized.Values.Select(x => (1 - x.Select((v, j) => v * normal[j]).Sum()) / length).ToArray();
        // Lowest() picks minima: the largest distance is the lowest negated distance.
        var (best, next) = Lowest([.. distances.Select(d => -d)]);
        var extremesText = string.Join(", ", extremes.Select((e, i) => $"{front[e].Id} (best {objectives[i].Name})"));
        var why = $"{front[best].Id} lies farthest toward the ideal point, {ParetoText.Number(distances[best])}, from the {(m == 2 ? "line" : "hyperplane")} " +
            (through ? $"through the extremes {extremesText}" : $"Σx = {m - 1} (the extremes {extremesText} span no plane)") +
            ", with the objectives normalised over the first front" +
            (next is { } n ? $"; next {front[n].Id} {ParetoText.Number(distances[n])}" : "");
        return new ParetoChoice(front[best].Id, Rule, why, WeightedSumPreference.Scores(front, distances));
    }

    private static int Extreme(double[][] x, int objective)
    {
        var best = 0;
        for (var i = 1; i < x.Length; i++)
        {
            var c = x[i][objective].CompareTo(x[best][objective]);
            if (c < 0 || (c == 0 && Others(x[i], objective) < Others(x[best], objective)))
            {
                best = i;
            }
        }

        return best;
    }

    private static double Others(double[] x, int objective) => x.Where((_, j) => j != objective).Sum();

    /// <summary>The plane n·x = 1 through the extremes, or the stand-in when they are degenerate.</summary>
    private static (double[] Normal, bool ThroughExtremes) Plane(double[][] x, int[] extremes)
    {
        var m = extremes.Length;
        var rows = Matrix<double>.Build.DenseOfRowArrays(extremes.Select(e => x[e]));
        if (extremes.Distinct().Count() == m && rows.Rank() == m)
        {
            var normal = rows.Solve(Vector<double>.Build.Dense(m, 1.0)).ToArray();
            if (normal.All(double.IsFinite))
            {
                return (normal, true);
            }
        }

        return ([.. Enumerable.Repeat(1.0 / (m - 1), m)], false);
    }
}

using ApexFleet.Domain.Pareto;

namespace ApexFleet.Domain.Tests.Pareto;

/// <summary>Slow, obviously correct references the fast algorithms are checked against.</summary>
internal static class BruteForce
{
    /// <summary>Peels fronts: the points nobody left dominates form the next front. O(n²) per front.</summary>
    public static int[] Ranks(IReadOnlyList<double[]> points)
    {
        var ranks = new int[points.Count];
        var remaining = Enumerable.Range(0, points.Count).ToList();
        for (var rank = 0; remaining.Count > 0; rank++)
        {
            var front = remaining.Where(i => !remaining.Any(j => Dominance.Dominates(points[j], points[i]))).ToList();
            foreach (var i in front)
            {
                ranks[i] = rank;
            }

            remaining = [.. remaining.Except(front)];
        }

        return ranks;
    }

    /// <summary>
    /// Cuts space into the grid of every coordinate that occurs and adds up the cells some point
    /// dominates. Exponential in the number of objectives: small sets only.
    /// </summary>
    public static double Hypervolume(IReadOnlyList<double[]> points, double[] reference)
    {
        var m = reference.Length;
        var inside = points.Where(p => p.Zip(reference).All(x => x.First < x.Second)).ToList();
        if (inside.Count == 0)
        {
            return 0;
        }

        var cuts = Enumerable.Range(0, m)
            .Select(d => inside.Select(p => p[d]).Append(reference[d]).Distinct().Order().ToArray())
            .ToArray();
        var volume = 0.0;
        var cell = new int[m];
        while (true)
        {
            if (inside.Any(p => Enumerable.Range(0, m).All(d => p[d] <= cuts[d][cell[d]])))
            {
                volume += Enumerable.Range(0, m).Aggregate(1.0, (v, d) => v * (cuts[d][cell[d] + 1] - cuts[d][cell[d]]));
            }

            var d = 0;
            while (d < m && ++cell[d] >= cuts[d].Length - 1)
            {
                cell[d] = 0;
                d++;
            }

            if (d == m)
            {
                return volume;
            }
        }
    }
}

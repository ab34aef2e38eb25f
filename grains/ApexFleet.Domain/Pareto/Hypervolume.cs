namespace ApexFleet.Domain.Pareto;

/// <summary>
/// The exact hypervolume (Lebesgue measure of the region dominated by the points and bounded by the
/// reference point) of minimised points.
/// </summary>
/// <remarks>
/// One objective: a length. Two: a sweep in O(N log N). Three: a sweep along the third objective
/// keeping the two-dimensional front of the points seen so far, updating its area locally on each
/// insertion (worst case O(N²), O(N log N) on typical fronts). Four or more: WFG (While, Bradstreet
/// and Barone, IEEE TEVC 2012) — the sum of exclusive contributions, with points sorted worst-first
/// on the last objective so every limit set shares that coordinate and the recursion drops one
/// dimension at each level down to the three-dimensional sweep. Points that do not strictly beat
/// the reference in every objective add nothing and are dropped.
/// </remarks>
public static class Hypervolume
{
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        var dimensions = reference.Count;
        if (dimensions == 0)
        {
            throw new ArgumentException("the reference point needs at least one objective", nameof(reference));
        }

        if (reference.Any(r => !double.IsFinite(r)))
        {
            throw new ArgumentException("the reference point must be finite", nameof(reference));
        }

        var r = reference.ToArray();
        var inside = new List<double[]>();
        foreach (var point in points)
        {
            if (point.Count != dimensions)
            {
                throw new ArgumentException($"a point has {point.Count} values, the reference has {dimensions}", nameof(points));
            }

            var p = point.ToArray();
            if (p.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException("points must be finite", nameof(points));
            }

            if (StrictlyInside(p, r, dimensions))
            {
                inside.Add(p);
            }
        }

        // The sweeps skip dominated points by themselves; WFG needs them gone to stay fast.
        return Measure(dimensions <= 3 ? inside : NonDominated(inside, dimensions), r, dimensions);
    }

    private static double Measure(List<double[]> points, double[] r, int dimensions) => dimensions switch
    {
        _ when points.Count == 0 => 0,
        1 => r[0] - points.Min(p => p[0]),
        2 => Sweep2(points, r),
        3 => Sweep3(points, r),
        _ => Wfg(points, r, dimensions),
    };

    private static double Sweep2(List<double[]> points, double[] r)
    {
        var sorted = points.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
        var volume = 0.0;
        var ceiling = r[1];
        foreach (var p in sorted)
        {
            if (p[1] < ceiling)
            {
                volume += (r[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }

        return volume;
    }

    private static double Sweep3(List<double[]> points, double[] r)
    {
        var sorted = points.OrderBy(p => p[2]).ThenBy(p => p[0]).ThenBy(p => p[1]).ToList();
        var front = new Staircase(r[0], r[1]);
        var volume = 0.0;
        for (var i = 0; i < sorted.Count; i++)
        {
            front.Insert(sorted[i][0], sorted[i][1]);
            var top = i + 1 < sorted.Count ? sorted[i + 1][2] : r[2];
            volume += front.Area * (top - sorted[i][2]);
        }

        return volume;
    }

    private static double Wfg(List<double[]> points, double[] r, int dimensions)
    {
        var last = dimensions - 1;
        var sorted = points.OrderByDescending(p => p[last]).ToList();
        var volume = 0.0;
        var limited = new List<double[]>(sorted.Count);
        for (var k = 0; k < sorted.Count; k++)
        {
            var p = sorted[k];
            limited.Clear();
            for (var j = k + 1; j < sorted.Count; j++)
            {
                var q = sorted[j];
                var worse = new double[last];
                for (var d = 0; d < last; d++)
                {
                    worse[d] = Math.Max(p[d], q[d]);
                }

                limited.Add(worse);
            }

            var inclusive = 1.0;
            for (var d = 0; d < last; d++)
            {
                inclusive *= r[d] - p[d];
            }

            var exclusive = inclusive - Measure(NonDominated(limited, last), r, last);
            volume += exclusive * (r[last] - p[last]);
        }

        return volume;
    }

    /// <summary>The distinct non-dominated points, judged on the first <paramref name="dimensions"/> coordinates.</summary>
    private static List<double[]> NonDominated(List<double[]> points, int dimensions)
    {
        var sorted = points.ToList();
        sorted.Sort((a, b) => Lexicographic(a, b, dimensions));
        var front = new List<double[]>();
        for (var i = 0; i < sorted.Count; i++)
        {
            // A copy sits next to its twin: either that twin is kept already or both are dominated.
            if (i > 0 && Lexicographic(sorted[i - 1], sorted[i], dimensions) == 0)
            {
                continue;
            }

            var p = sorted[i].AsSpan(0, dimensions);
            var dominated = false;
            for (var j = front.Count - 1; j >= 0 && !dominated; j--)
            {
                dominated = Dominance.Dominates(front[j].AsSpan(0, dimensions), p);
            }

            if (!dominated)
            {
                front.Add(sorted[i]);
            }
        }

        return front;
    }

    private static int Lexicographic(double[] a, double[] b, int dimensions)
    {
        for (var d = 0; d < dimensions; d++)
        {
            var c = a[d].CompareTo(b[d]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static bool StrictlyInside(double[] p, double[] r, int dimensions)
    {
        for (var d = 0; d < dimensions; d++)
        {
            if (p[d] >= r[d])
            {
                return false;
            }
        }

        return true;
    }
}

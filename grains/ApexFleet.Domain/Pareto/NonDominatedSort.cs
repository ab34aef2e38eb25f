using System.Runtime.InteropServices;

namespace ApexFleet.Domain.Pareto;

/// <summary>
/// Exact non-dominated sorting (all fronts) of minimised points, by Efficient Non-dominated Sort with
/// binary search (ENS-BS, Zhang, Tian, Cheng and Jin, IEEE TEVC 2015).
/// </summary>
/// <remarks>
/// Points are visited in lexicographic order, so a point can only be dominated by points already
/// placed, and each goes to the first front with no member dominating it. "Some member of front k
/// dominates p" implies the same for front k−1 (that member has a dominator there, and dominance is
/// transitive), which makes binary search over the fronts valid. Unlike Deb's fast non-dominated
/// sort it keeps no N² domination lists (10,000 candidates would mean up to 50 million entries) and
/// compares far fewer pairs. With one or two objectives the last member placed in a front dominates
/// p whenever any member does, so one comparison per front suffices: O(N log N).
/// </remarks>
public static class NonDominatedSort
{
    /// <summary>The front of every point, 0 for the non-dominated ones, in input order.</summary>
    public static int[] Ranks(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var (values, dimensions) = Flatten(points);
        var ranks = new int[points.Count];
        // Each front keeps its members' values side by side: the inner loop then reads memory in order.
        var fronts = new List<List<double>>();
        foreach (var p in LexicographicOrder(values, dimensions, points.Count))
        {
            var point = values.AsSpan(p * dimensions, dimensions);
            var low = 0;
            var high = fronts.Count;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (IsDominatedByFront(fronts[mid], point))
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            if (low == fronts.Count)
            {
                fronts.Add([]);
            }

            fronts[low].AddRange(point);
            ranks[p] = low;
        }

        return ranks;
    }

    /// <summary>The indices of the points in each front, best front first, each front in ascending index order.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Fronts(IReadOnlyList<IReadOnlyList<double>> points) =>
        GroupByRank(Ranks(points));

    public static IReadOnlyList<IReadOnlyList<int>> GroupByRank(IReadOnlyList<int> ranks)
    {
        var count = ranks.Count == 0 ? 0 : ranks.Max() + 1;
        var fronts = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            fronts[i] = [];
        }

        for (var i = 0; i < ranks.Count; i++)
        {
            fronts[ranks[i]].Add(i);
        }

        return fronts;
    }

    private static bool IsDominatedByFront(List<double> front, ReadOnlySpan<double> point)
    {
        var dimensions = point.Length;
        var members = CollectionsMarshal.AsSpan(front);
        // Recently placed members are the closest in lexicographic order and the likeliest dominators.
        var stop = dimensions <= 2 ? members.Length - dimensions : 0;
        for (var at = members.Length - dimensions; at >= stop; at -= dimensions)
        {
            if (Dominance.Dominates(members.Slice(at, dimensions), point))
            {
                return true;
            }
        }

        return false;
    }

    private static int[] LexicographicOrder(double[] values, int dimensions, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var x = values.AsSpan(a * dimensions, dimensions);
            var y = values.AsSpan(b * dimensions, dimensions);
            for (var j = 0; j < dimensions; j++)
            {
                var c = x[j].CompareTo(y[j]);
                if (c != 0)
                {
                    return c;
                }
            }

            return a.CompareTo(b);
        });
        return order;
    }

    private static (double[] Values, int Dimensions) Flatten(IReadOnlyList<IReadOnlyList<double>> points)
    {
        if (points.Count == 0)
        {
            return ([], 0);
        }

        var dimensions = points[0].Count;
        if (dimensions == 0)
        {
            throw new ArgumentException("points need at least one objective", nameof(points));
        }

        var values = new double[points.Count * dimensions];
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (point.Count != dimensions)
            {
                throw new ArgumentException($"point {i} has {point.Count} values, point 0 has {dimensions}", nameof(points));
            }

            for (var j = 0; j < dimensions; j++)
            {
                var v = point[j];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"point {i} has a value that is not a finite number", nameof(points));
                }

                values[(i * dimensions) + j] = v;
            }
        }

        return (values, dimensions);
    }
}

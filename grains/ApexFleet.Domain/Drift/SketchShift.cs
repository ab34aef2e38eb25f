using ApexFleet.Domain.Statistics;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.Drift;

/// <summary>
/// The Hodges–Lehmann shift between two latency sketches, computed on their buckets: every pair of
/// buckets stands for count × count pairwise differences, so the weighted order statistics of a few
/// thousand bucket pairs are exactly those of the millions of value pairs the buckets hold (to the
/// sketch's 1% resolution). Large samples use the normal approximation of the rank of the interval
/// bounds; small ones go to <see cref="HodgesLehmann"/> for exact ranks.
/// </summary>
public static class SketchShift
{
    public static ShiftEstimate Estimate(QuantileSketch x, QuantileSketch y, double confidence = 0.95)
    {
        long n = x.Count, m = y.Count;
        if (n == 0 || m == 0)
        {
            throw new ArgumentException("both sketches need values");
        }

        if (n + m <= MannWhitney.ExactLimit)
        {
            return HodgesLehmann.Estimate(SketchSamples.Expand(x, int.MaxValue), SketchSamples.Expand(y, int.MaxValue), confidence);
        }

        var pairs = Buckets(x).SelectMany(a => Buckets(y).Select(b => (Difference: a.Value - b.Value, Weight: a.Count * b.Count)))
            .OrderBy(p => p.Difference)
            .ToArray();
        double total = (double)n * m;
        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        var rank = Math.Max(1, Math.Floor((total / 2) - (z * Math.Sqrt(n * (double)m * (n + m + 1) / 12))));
        return new ShiftEstimate(
            (OrderStatistic(pairs, Math.Floor((total + 1) / 2)) + OrderStatistic(pairs, Math.Ceiling((total + 1) / 2))) / 2,
            OrderStatistic(pairs, rank),
            OrderStatistic(pairs, total + 1 - rank),
            confidence,
            confidence,
            Exact: false);
    }

    private static IEnumerable<(double Value, long Count)> Buckets(QuantileSketch sketch)
    {
        if (sketch.ZeroCount > 0)
        {
            yield return (0, sketch.ZeroCount);
        }

        for (var i = 0; i < sketch.Keys.Length; i++)
        {
            yield return (QuantileSketch.ValueOf(sketch.Keys[i]), sketch.Counts[i]);
        }
    }

    /// <summary>The k-th smallest difference (1-based) when each pair counts its weight.</summary>
    private static double OrderStatistic((double Difference, long Weight)[] sorted, double k)
    {
        double seen = 0;
        foreach (var (difference, weight) in sorted)
        {
            seen += weight;
            if (seen >= k)
            {
                return difference;
            }
        }

        return sorted[^1].Difference;
    }
}

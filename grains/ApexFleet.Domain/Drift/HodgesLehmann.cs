using MathNet.Numerics.Distributions;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Pragmastat.Algorithms;

namespace ApexFleet.Domain.Drift;

/// <summary>
/// The Hodges–Lehmann shift between two samples and its distribution-free confidence interval: the
/// interval runs between two order statistics of the n·m pairwise differences, at the ranks where the
/// Mann–Whitney U distribution leaves α/2 in each tail (Bauer 1972; what R's
/// <c>wilcox.test(conf.int = TRUE)</c> reports for small samples without ties).
/// </summary>
/// <remarks>
/// Pragmastat's FastShift selects order statistics of the pairwise differences without building all
/// n·m of them; Perfolizer's exact U distribution gives the ranks up to n + m = 65, the normal
/// approximation above (R instead inverts the normal approximation numerically, so large-sample bounds
/// can differ from R's by the gap between neighbouring differences).
/// </remarks>
public static class HodgesLehmann
{
    /// <summary>The median of all pairwise differences xᵢ − yⱼ.</summary>
    public static double Shift(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        SampleChecks.RequireFinite(x, y);
        return FastShift.Estimate(x, y, [0.5])[0];
    }

    public static ShiftEstimate Estimate(IReadOnlyList<double> x, IReadOnlyList<double> y, double confidence = 0.95)
    {
        SampleChecks.RequireFinite(x, y);
        if (confidence is <= 0 or >= 1 || double.IsNaN(confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence level lies strictly between 0 and 1");
        }

        int n = x.Count, m = y.Count;
        long pairs = (long)n * m;
        var exact = n + m <= MannWhitney.ExactLimit;
        if (pairs == 1)
        {
            var only = x[0] - y[0];
            return new ShiftEstimate(only, only, only, confidence, 0, exact);
        }

        var alpha = 1 - confidence;
        var (rank, achieved) = exact ? ExactRank(n, m, alpha) : (NormalRank(n, m, alpha), confidence);
        // A very low confidence must not cross the bounds over: at most the median rank.
        rank = Math.Min(rank, (pairs + 1) / 2);

        // FastShift interpolates type-7 quantiles: at p = (k − 1)/(N − 1) it lands on the k-th difference.
        var quantiles = FastShift.Estimate(x, y, [0.5, (rank - 1.0) / (pairs - 1), (pairs - rank) / (pairs - 1.0)]);
        return new ShiftEstimate(quantiles[0], quantiles[1], quantiles[2], confidence, achieved, exact);
    }

    /// <summary>
    /// The lower rank k (1-based) and the achieved confidence: k is the smallest q with P(U ≤ q) ≥ α/2
    /// (R's qwilcox), at least 1, and the interval is [d₍k₎, d₍N+1−k₎].
    /// </summary>
    private static (long Rank, double Achieved) ExactRank(int n, int m, double alpha)
    {
        // Perfolizer's Cdf(n, m, u) is P(U < u), so P(U ≤ q) = Cdf(n, m, q + 1). Binary search: it rises with q.
        double AtMost(long q) => MannWhitneyLoefflerExactCdf.Instance.Cdf(n, m, (int)q + 1);
        long low = 0, high = (long)n * m;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (AtMost(mid) >= alpha / 2)
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        var rank = Math.Max(low, 1);
        return (rank, 1 - (2 * AtMost(rank - 1)));
    }

    /// <summary>The same rank from the normal approximation of U, with a continuity correction of ½.</summary>
    private static long NormalRank(int n, int m, double alpha)
    {
        double nm = (double)n * m;
        var sigma = Math.Sqrt(nm * (n + m + 1) / 12);
        var z = Normal.InvCDF(0, 1, 1 - (alpha / 2));
        return Math.Max(1, (long)Math.Ceiling((nm / 2) - (z * sigma) - 0.5));
    }
}

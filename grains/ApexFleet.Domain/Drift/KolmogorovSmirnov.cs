namespace ApexFleet.Domain.Drift;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test (MathNet.Numerics has none). Small samples without ties
/// get the exact p-value, as R's <c>ks.test</c> does when n·m &lt; 10,000; larger or tied samples
/// get the asymptotic Kolmogorov distribution.
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>Below this n·m (and without ties) the p-value is exact; the same limit as R.</summary>
    public const long ExactLimit = 10_000;

    public static KolmogorovSmirnovResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var d = Statistic(x, y);
        int n = x.Count, m = y.Count;
        var exact = (long)n * m < ExactLimit && !SampleChecks.HasTies(x, y);
        return new KolmogorovSmirnovResult(d, exact ? ExactPValue(d, n, m) : AsymptoticPValue(d, n, m), exact, n, m);
    }

    /// <summary>D = sup |F₁ − F₂|, compared after all copies of a tied value are counted.</summary>
    public static double Statistic(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        SampleChecks.RequireFinite(x, y);
        var xs = x.Order().ToArray();
        var ys = y.Order().ToArray();
        int i = 0, j = 0;
        var d = 0.0;
        while (i < xs.Length && j < ys.Length)
        {
            var t = Math.Min(xs[i], ys[j]);
            while (i < xs.Length && xs[i] == t)
            {
                i++;
            }

            while (j < ys.Length && ys[j] == t)
            {
                j++;
            }

            d = Math.Max(d, Math.Abs(((double)i / xs.Length) - ((double)j / ys.Length)));
        }

        return d;
    }

    /// <summary>
    /// P(D ≥ d) when both samples come from one continuous distribution. Under that hypothesis every
    /// interleaving of the n + m sorted values is equally likely; walking the pooled order is a lattice
    /// path from (0, 0) to (n, m), and D &lt; d exactly when the path never leaves the band
    /// |i/n − j/m| &lt; d. We carry the probability of reaching each point inside the band (the next
    /// value comes from x with probability (n − i)/(n + m − i − j)), which never overflows, unlike
    /// counting paths against C(n + m, n).
    /// </summary>
    public static double ExactPValue(double d, int n, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        if (d <= 0)
        {
            return 1;
        }

        // D is a multiple of 1/(n·m): compare integers, |i·m − j·n| against d·n·m, not doubles.
        var limit = (long)Math.Round(d * n * m);
        if (limit == 0)
        {
            return 1;
        }

        var inside = new double[m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (Math.Abs(((long)i * m) - ((long)j * n)) >= limit)
                {
                    inside[j] = 0;
                    continue;
                }

                if (i == 0 && j == 0)
                {
                    inside[j] = 1;
                    continue;
                }

                // inside[j] still holds row i − 1: arrive from (i − 1, j) by an x, or from (i, j − 1) by a y.
                var fromX = i > 0 ? inside[j] * (n - i + 1) / (n + m - i + 1 - j) : 0;
                var fromY = j > 0 ? inside[j - 1] * (m - j + 1) / (n + m - i - j + 1) : 0;
                inside[j] = fromX + fromY;
            }
        }

        return Math.Clamp(1 - inside[m], 0, 1);
    }

    /// <summary>The large-sample p-value: the Kolmogorov distribution's tail at √(n·m/(n + m))·d.</summary>
    public static double AsymptoticPValue(double d, int n, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        return KolmogorovSurvival(Math.Sqrt((double)n * m / (n + m)) * d);
    }

    /// <summary>
    /// P(K &gt; λ) for the Kolmogorov distribution. Two series for the same function, each where it
    /// converges fast: 2·Σ (−1)^(k−1)·e^(−2k²λ²) from λ = 1 up, and below 1 the theta-function form
    /// P(K ≤ λ) = √(2π)/λ · Σ over odd k of e^(−k²π²/(8λ²)).
    /// </summary>
    public static double KolmogorovSurvival(double lambda)
    {
        if (lambda <= 0)
        {
            return 1;
        }

        if (lambda < 1)
        {
            var z = -Math.PI * Math.PI / (8 * lambda * lambda);
            var cdf = 0.0;
            for (var k = 1; k < 40; k += 2)
            {
                cdf += Math.Exp(k * k * z);
            }

            return Math.Clamp(1 - (Math.Sqrt(2 * Math.PI) / lambda * cdf), 0, 1);
        }

        var tail = 0.0;
        for (var k = 1; k < 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * lambda * lambda);
            tail += k % 2 == 1 ? term : -term;
            if (term < 1e-18)
            {
                break;
            }
        }

        return Math.Clamp(2 * tail, 0, 1);
    }

    /// <summary>c(α) = √(−ln(α/2)/2), e.g. 1.358 for α = 0.05: the asymptotic critical value of √(n·m/(n + m))·D.</summary>
    public static double CriticalCoefficient(double alpha)
    {
        if (alpha is <= 0 or >= 1 || double.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "a significance level lies strictly between 0 and 1");
        }

        return Math.Sqrt(-Math.Log(alpha / 2) / 2);
    }

    /// <summary>The D above which two samples of n and m differ at level α (large samples): c(α)·√((n + m)/(n·m)).</summary>
    public static double CriticalValue(double alpha, int n, int m) =>
        CriticalCoefficient(alpha) * Math.Sqrt((double)(n + m) / ((double)n * m));

}

namespace ApexFleet.Domain.Drift;

/// <summary>
/// Population Stability Index of an actual histogram against an expected one over the same bins:
/// PSI = Σ (Aᵢ − Eᵢ) · ln(Aᵢ / Eᵢ), with Aᵢ and Eᵢ the bins' shares of their totals.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// The share given to a bin that is empty in one histogram, so that ln stays finite. Shares are
    /// not renormalised afterwards: non-empty bins keep exactly the share that was measured, and a
    /// bin empty in both histograms adds 0. A bin empty on one side adds about s·ln(s / 1e-4), e.g.
    /// 0.31 for s = 5%, so one vanished bin of any weight is visible in the index.
    /// </summary>
    public const double EmptyBinShare = 1e-4;

    public const double ModerateThreshold = 0.1;
    public const double SignificantThreshold = 0.25;

    public static double Compute(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new ArgumentException($"the histograms have {expected.Count} and {actual.Count} bins: they must share their bins", nameof(actual));
        }

        if (expected.Any(c => c < 0) || actual.Any(c => c < 0))
        {
            throw new ArgumentException("a histogram count cannot be negative", nameof(actual));
        }

        double expectedTotal = expected.Sum(), actualTotal = actual.Sum();
        if (expectedTotal == 0 || actualTotal == 0)
        {
            throw new ArgumentException("both histograms need at least one observation", nameof(actual));
        }

        return FromShares(expected.Select(c => c / expectedTotal).ToList(), actual.Select(c => c / actualTotal).ToList());
    }

    /// <summary>
    /// PSI with its standard error by the delta method over two independent multinomial samples
    /// [R116]: each side's shares vary as (diag(s) − s·sᵀ)/n, weighted by PSI's gradient in them,
    /// ∂/∂Aᵢ = ln(Aᵢ/Eᵢ) + 1 − Eᵢ/Aᵢ and ∂/∂Eᵢ = −ln(Aᵢ/Eᵢ) + 1 − Aᵢ/Eᵢ. The error vanishes where the
    /// histograms agree (the gradient does), which is far below any threshold worth gating on; near a
    /// threshold it is what lets a gate tell 0.11 from 0.1.
    /// </summary>
    public static (double Psi, double StandardError) WithStandardError(IReadOnlyList<long> expected, IReadOnlyList<long> actual)
    {
        var psi = Compute(expected, actual);
        double expectedTotal = expected.Sum(), actualTotal = actual.Sum();
        var e = expected.Select(c => c / expectedTotal).ToList();
        var a = actual.Select(c => c / actualTotal).ToList();
        var gradientA = new double[e.Count];
        var gradientE = new double[e.Count];
        for (var i = 0; i < e.Count; i++)
        {
            if (e[i] == 0 && a[i] == 0)
            {
                continue;
            }

            var ei = e[i] == 0 ? EmptyBinShare : e[i];
            var ai = a[i] == 0 ? EmptyBinShare : a[i];
            var log = Math.Log(ai / ei);
            gradientA[i] = log + 1 - (ei / ai);
            gradientE[i] = -log + 1 - (ai / ei);
        }

        var variance = (MultinomialVariance(gradientA, a) / actualTotal) + (MultinomialVariance(gradientE, e) / expectedTotal);
        return (psi, Math.Sqrt(Math.Max(0, variance)));
    }

    /// <summary>n·Var(Σ gᵢ·ŝᵢ) for shares ŝ of a multinomial sample of n: Σ gᵢ²sᵢ − (Σ gᵢsᵢ)².</summary>
    private static double MultinomialVariance(double[] gradient, IReadOnlyList<double> shares)
    {
        double mean = 0, square = 0;
        for (var i = 0; i < gradient.Length; i++)
        {
            mean += gradient[i] * shares[i];
            square += gradient[i] * gradient[i] * shares[i];
        }

        return square - (mean * mean);
    }

    /// <summary>PSI over shares that each sum to 1 (the caller's responsibility).</summary>
    public static double FromShares(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new ArgumentException($"the histograms have {expected.Count} and {actual.Count} bins: they must share their bins", nameof(actual));
        }

        var psi = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] == 0 && actual[i] == 0)
            {
                continue;
            }

            var e = expected[i] == 0 ? EmptyBinShare : expected[i];
            var a = actual[i] == 0 ? EmptyBinShare : actual[i];
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    public static PsiBand Band(double psi) => psi switch
    {
        < ModerateThreshold => PsiBand.None,
        <= SignificantThreshold => PsiBand.Moderate,
        _ => PsiBand.Significant,
    };
}

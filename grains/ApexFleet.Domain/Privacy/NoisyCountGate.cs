namespace ApexFleet.Domain.Privacy;

/// <summary>
/// How many samples a gate needs before it may judge counts that carry Laplace noise. The noise on one
/// count has standard deviation √2·b (b = sensitivity / ε) whatever the count, so it only becomes
/// negligible against a large enough count: we require √2·b ≤ f·n, the noise at most a fraction f of
/// the expected count n, i.e. n ≥ √2·b / f. The gate's own minimum still applies when it is larger.
/// </summary>
/// <remarks>
/// Example: ε = 0.5 and sensitivity 1 give b = 2 and a noise deviation of 2.83; at f = 10% a count
/// needs n ≥ 28.3, so a gate asking for 20 samples must wait for 29. A rate gate (noised count k over
/// n samples against a threshold t) is stricter: the noise on k/n is √2·b/n, and keeping it within
/// f·t needs n ≥ √2·b / (f·t), e.g. 14,143 inferences for a crash rate of 0.001 at ε = 1.
/// </remarks>
public static class NoisyCountGate
{
    public const double DefaultMaxRelativeNoise = 0.1;

    /// <summary>The smallest count n with √2·b ≤ f·n.</summary>
    public static long MinimumCount(double sensitivity, double epsilon, double maxRelativeNoise = DefaultMaxRelativeNoise) =>
        (long)Math.Ceiling(NoiseOverFraction(sensitivity, epsilon, maxRelativeNoise));

    /// <summary>The smallest n with √2·b / n ≤ f·t: the noise on a rate stays within a fraction f of the threshold t.</summary>
    public static long MinimumSamplesForRate(double threshold, double sensitivity, double epsilon, double maxRelativeNoise = DefaultMaxRelativeNoise)
    {
        if (!(threshold > 0) || !double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "a rate threshold must be positive");
        }

        return (long)Math.Ceiling(NoiseOverFraction(sensitivity, epsilon, maxRelativeNoise) / threshold);
    }

    /// <summary>The gate's minimum sample size raised, if need be, so that noise stays below the fraction f.</summary>
    public static long AdjustedMinSamples(long minSamples, double sensitivity, double epsilon, double maxRelativeNoise = DefaultMaxRelativeNoise)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minSamples);
        return Math.Max(minSamples, MinimumCount(sensitivity, epsilon, maxRelativeNoise));
    }

    /// <summary>√2·b / f.</summary>
    private static double NoiseOverFraction(double sensitivity, double epsilon, double maxRelativeNoise)
    {
        if (!(sensitivity > 0) || !(epsilon > 0) || !double.IsFinite(sensitivity) || !double.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), "the sensitivity and ε must be positive");
        }

        if (maxRelativeNoise is <= 0 or > 1 || double.IsNaN(maxRelativeNoise))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRelativeNoise), maxRelativeNoise, "the noise fraction lies in (0, 1]");
        }

        return Math.Sqrt(2) * sensitivity / epsilon / maxRelativeNoise;
    }
}

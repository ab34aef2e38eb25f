using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.Fairness;

/// <summary>A confidence interval for a rate (a binomial proportion).</summary>
public sealed record RateInterval(double Lower, double Upper, double Confidence)
{
    /// <summary>
    /// The Wilson score interval. Unlike the normal (Wald) interval it stays inside [0, 1] and does
    /// not collapse to a point at 0 or n successes, which is what small groups produce.
    /// </summary>
    public static RateInterval Wilson(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (confidence is <= 0 or >= 1 || double.IsNaN(confidence))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "a confidence level lies strictly between 0 and 1");
        }

        if (trials == 0)
        {
            return new RateInterval(0, 1, confidence);
        }

        var z = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        double n = trials, k = successes, z2 = z * z;
        // (2k + z² ∓ z·√(z² + 4k(n−k)/n)) / 2(n + z²): this form gives exactly 0 at k = 0 and 1 at k = n.
        var spread = z * Math.Sqrt(z2 + (4 * k * (n - k) / n));
        var denominator = 2 * (n + z2);
        return new RateInterval(
            Math.Max(0, (2 * k + z2 - spread) / denominator),
            Math.Min(1, (2 * k + z2 + spread) / denominator),
            confidence);
    }
}

using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// Always-valid intervals for gates that are looked at every tick. A fixed 95 % interval checked
/// at every tick will, sooner or later, exclude the truth by chance; a confidence sequence covers it
/// at every sample size at once, so the engine may look as often as it likes [R110, R111].
/// </summary>
/// <remarks>
/// The boundary is Robbins' two-sided normal mixture: with n samples of unit variance, the sum stays
/// within √((n + ρ)·ln((n + ρ)/(ρα²))) of its mean at every n with probability 1 − α [R110, eq. (14)].
/// Divided by √n this is a z that replaces 1.96 and grows like √(ln n) rather than staying flat:
/// the price of looking continuously. With a plug-in variance it is the asymptotic confidence
/// sequence of [R112]; each gate metric scales its own standard error by it.
/// </remarks>
public static class ConfidenceSequence
{
    /// <summary>Chance that a metric's sequence ever misses its true value, over all looks together.</summary>
    public const double Alpha = 0.05;

    /// <summary>The z of the fixed-sample 95 % intervals the metrics compute; widened by <see cref="Z"/>/this.</summary>
    public static readonly double FixedZ = Normal.InvCDF(0, 1, 0.975);

    /// <summary>
    /// The sample size the boundary is tightest around (ρ): a gate's minimum samples, so it is sharp
    /// when the gate first may judge, and loosens only logarithmically afterwards.
    /// </summary>
    public static double Tuning(long minSamples) => Math.Max(minSamples, 100);

    /// <summary>The always-valid replacement for 1.96 at <paramref name="n"/> samples.</summary>
    public static double Z(long n, double rho)
    {
        if (n <= 0)
        {
            return double.PositiveInfinity;
        }

        var scaled = (n + rho) / rho;
        return Math.Sqrt((n + rho) / n * Math.Log(scaled / (Alpha * Alpha)));
    }

    /// <summary>The fixed-sample confidence level whose interval is as wide as the sequence at n (for Wilson and rank intervals).</summary>
    public static double Confidence(long n, double rho) => Math.Min(1 - 1e-12, (2 * Normal.CDF(0, 1, Z(n, rho))) - 1);

    /// <summary>Stretches a fixed-sample 95 % interval about its estimate to the sequence's width at its sample size.</summary>
    public static Observation Widen(Observation o, double rho)
    {
        if (!o.HasInterval || double.IsNaN(o.Value))
        {
            return o;
        }

        var k = Z(o.Samples, rho) / FixedZ;
        return o with { Lower = o.Value - (k * (o.Value - o.Lower)), Upper = o.Value + (k * (o.Upper - o.Value)) };
    }
}

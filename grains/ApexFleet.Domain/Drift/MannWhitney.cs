using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;

namespace ApexFleet.Domain.Drift;

/// <summary>
/// The two-sided Mann–Whitney U test, by Perfolizer: its exact method and its normal approximation
/// (no continuity correction) reproduce R's p-values. We only choose the method and check inputs.
/// </summary>
public static class MannWhitney
{
    /// <summary>
    /// Up to this n + m the exact distribution is used: Perfolizer's exact counting fits in 64-bit
    /// binomial coefficients up to 65 values.
    /// </summary>
    public const int ExactLimit = 65;

    public static MannWhitneyTestResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, MannWhitneyMethod method = MannWhitneyMethod.Auto)
    {
        SampleChecks.RequireFinite(x, y);
        if (method == MannWhitneyMethod.Exact && x.Count + y.Count > ExactLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, $"the exact method takes at most {ExactLimit} values in all");
        }

        var used = method != MannWhitneyMethod.Auto
            ? method
            : x.Count + y.Count <= ExactLimit && !SampleChecks.HasTies(x, y) ? MannWhitneyMethod.Exact : MannWhitneyMethod.NormalApproximation;
        var strategy = used == MannWhitneyMethod.Exact ? MannWhitneyStrategy.LoefflerExact : MannWhitneyStrategy.NormalApprox;
        var result = MannWhitneyTest.Instance.PerformStrategy(
            new Sample(x.ToArray()), new Sample(y.ToArray()), AlternativeHypothesis.TwoSides, Threshold.Zero, strategy);
        return new MannWhitneyTestResult(result.Ux, result.Uy, result.PValue.Value, used);
    }

}

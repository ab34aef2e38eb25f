using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// Σ over a cohort's phones of each one's fall-backs F and inferences N on a variant: F², F·N and N².
/// With ΣF and ΣN they give how far the cohort's rate ΣF ÷ ΣN moves with which phones it was measured
/// on: a canary of a few dozen slow phones carries both their own speeds and their draws.
/// </summary>
public readonly record struct PhoneSpread(long FallbacksSquared, long FallbacksTimesInferences, long InferencesSquared)
{
    /// <summary>Whether the sums can be used: some were counted, and none stopped at the end of <see cref="long"/>.</summary>
    public bool IsCounted =>
        InferencesSquared > 0
        && FallbacksSquared != long.MaxValue && FallbacksTimesInferences != long.MaxValue && InferencesSquared != long.MaxValue;

    public static PhoneSpread operator +(PhoneSpread left, PhoneSpread right) =>
        new(TelemetryCounters.SaturatingSum(left.FallbacksSquared, right.FallbacksSquared),
            TelemetryCounters.SaturatingSum(left.FallbacksTimesInferences, right.FallbacksTimesInferences),
            TelemetryCounters.SaturatingSum(left.InferencesSquared, right.InferencesSquared));

    /// <summary>
    /// The variance of the rate ΣF ÷ ΣN over <paramref name="phones"/> phones, each phone one draw
    /// (the linearised ratio estimator): Σ(F − rN)² ÷ (ΣN)², times n ÷ (n − 1). Null when not counted,
    /// or when the sums cannot have come from all of those inferences: n phones' ΣN² is at least
    /// (ΣN)² ÷ n, and a cohort line that counted inferences before it counted their squares (stored by
    /// an older version, in a rollout still running) falls short of it.
    /// </summary>
    public double? RateVariance(double fallbacks, double inferences, double phones)
    {
        if (!IsCounted || inferences <= 0 || InferencesSquared * Math.Max(phones, 1) < inferences * inferences * (1 - 1e-12))
        {
            return null;
        }

        var r = fallbacks / inferences;
        var residuals = FallbacksSquared - (2 * r * FallbacksTimesInferences) + (r * r * InferencesSquared);
        var correction = phones > 1 ? phones / (phones - 1) : 1;
        return Math.Max(0, residuals) / (inferences * inferences) * correction;
    }

    /// <summary>What a report of <paramref name="fallbacks"/> and <paramref name="inferences"/> adds to its phone's sums, and so to its cohort's.</summary>
    public static PhoneSpread Change(long fallbacksBefore, long inferencesBefore, long fallbacks, long inferences)
    {
        Int128 f0 = fallbacksBefore, n0 = inferencesBefore, f = fallbacks, n = inferences;
        return new(ToLong(f * ((2 * f0) + f)), ToLong((f0 * n) + (n0 * f) + (f * n)), ToLong(n * ((2 * n0) + n)));
    }

    // Beyond long the sums are no longer sums: they stay at long.MaxValue and IsCounted says so.
    private static long ToLong(Int128 value) => value >= long.MaxValue ? long.MaxValue : (long)value;
}

namespace ApexFleet.Domain.Drift;

/// <param name="U">U of the first sample: the pairs (xᵢ, yⱼ) with xᵢ &gt; yⱼ, ties counting one half.</param>
/// <param name="UOther">U of the second sample: n·m − U.</param>
/// <param name="PValue">Two-sided.</param>
/// <param name="Method">The method actually used (never Auto).</param>
public sealed record MannWhitneyTestResult(double U, double UOther, double PValue, MannWhitneyMethod Method);

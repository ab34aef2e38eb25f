namespace ApexFleet.Domain.Drift;

/// <summary>
/// A Hodges–Lehmann estimate of how far the first sample lies above the second, with its confidence
/// interval.
/// </summary>
/// <param name="Estimate">The median of all pairwise differences xᵢ − yⱼ.</param>
/// <param name="Confidence">The level asked for.</param>
/// <param name="AchievedConfidence">
/// The level the interval really has: exact ranks move in steps, so this is at least the level asked
/// for, except when the samples are too small to reach it at all (then it is lower).
/// </param>
/// <param name="Exact">Whether the interval's ranks come from the exact distribution of U or the normal approximation.</param>
public sealed record ShiftEstimate(double Estimate, double Lower, double Upper, double Confidence, double AchievedConfidence, bool Exact);

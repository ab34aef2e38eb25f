namespace ApexFleet.Domain.Privacy;

/// <summary>
/// Differential privacy of a rollout's telemetry: each report's counts leave the device through the
/// Laplace mechanism at <see cref="Epsilon"/>, and by sequential composition a device spends ε per
/// report; once <see cref="DailyBudget"/> is spent in a UTC day it contributes nothing more that day.
/// </summary>
public sealed record PrivacyPolicy(double Epsilon, double DailyBudget)
{
    /// <summary>Reports a device may release per day when the manifest sets no budget: one an hour (an assumption, docs/REFERENCES.md#assumptions).</summary>
    public const int DefaultReleasesPerDay = 24;

    public static PrivacyPolicy WithDefaultBudget(double epsilon) => new(epsilon, DefaultReleasesPerDay * epsilon);

    /// <summary>How many reports a day a device may release.</summary>
    public int ReleasesPerDay => (int)Math.Floor((DailyBudget / Epsilon) + 1e-9);
}

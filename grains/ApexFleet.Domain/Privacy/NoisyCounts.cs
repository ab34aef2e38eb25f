using System.IO.Hashing;
using System.Text;
using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Privacy;

/// <summary>
/// A device's crash and prediction-outcome counts as they leave its own record when the rollout asks
/// for ε-differential privacy: each with Laplace noise of scale 1/ε. The noise is seeded by device and
/// sequence, so a replayed report is noised alike.
/// </summary>
public static class NoisyCounts
{
    public static (ConfusionCounts Outcomes, long Crashes) Release(string deviceId, long sequence, double epsilon, ConfusionCounts outcomes, long crashes)
    {
        var seed = unchecked((int)XxHash32.HashToUInt32(Encoding.UTF8.GetBytes($"{deviceId}/{sequence}")));
        var laplace = new LaplaceMechanism(1, epsilon, new Random(seed));
        var noised = new ConfusionCounts(
            laplace.ReleaseCount(outcomes.TruePositives),
            laplace.ReleaseCount(outcomes.FalsePositives),
            laplace.ReleaseCount(outcomes.TrueNegatives),
            laplace.ReleaseCount(outcomes.FalseNegatives));
        // Crashes are rare: clamping each noisy report at zero would inflate the rate, so the count goes
        // out unclamped (possibly negative) and only the cohort's sum is meaningful.
        return (noised, (long)Math.Round(laplace.Release(crashes)));
    }
}

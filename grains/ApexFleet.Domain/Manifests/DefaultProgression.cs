using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Manifests;

/// <summary>How the stages of an <c>OnDeviceModelDeployment</c> grow when it gives only a first percentage.</summary>
public enum RolloutStrategy
{
    /// <summary>The first percentage, then 25 %, 50 % and everyone.</summary>
    Canary = 0,

    /// <summary>Equal batches of the percentage until everyone runs it.</summary>
    RollingUpdate = 1,
}

/// <summary>
/// The stages, sample counts and bake windows a manifest gets when it names only a strategy, a first
/// percentage and gate thresholds. Pure functions of those and of the <see cref="FleetContext"/>:
/// <list type="bullet">
/// <item>Percentages: Canary goes p → 25 → 50 → 100 (steps at or below p left out); RollingUpdate goes in
/// equal batches of p, widened to 100/<see cref="MaxStages"/> when p would need more stages.</item>
/// <item>Minimum samples of a gate: enough that the 95 % interval of what it measures (z = <see cref="Z"/>)
/// is narrow next to its threshold — see <see cref="MinSamples"/>.</item>
/// <item>Bake window of a stage: the time its exposed devices (devices × stage share) need, at the fleet's
/// inferences per device per hour, to produce the largest minimum of its gates; whole minutes, at least
/// <see cref="MinimumBake"/>.</item>
/// </list>
/// </summary>
public static class DefaultProgression
{
    /// <summary>The normal quantile of a two-sided 95 % interval.</summary>
    public const double Z = 1.96;

    /// <summary>Rates and ratios: the interval's half-width may be at most this share of the threshold.</summary>
    public const double RelativePrecision = 0.1;

    /// <summary>Quantiles: the interval of the estimated quantile's rank may be at most ±1 percentile.</summary>
    public const double QuantilePrecision = 0.01;

    /// <summary>Differences of two rates (or of a rate between groups) assume the worst-case variance p(1−p) = ¼.</summary>
    public const double WorstCaseRateVariance = 0.25;

    /// <summary>Disparate impact assumes a selection rate of ½ in each group (the rate of a balanced recommender).</summary>
    public const double AssumedSelectionRate = 0.5;

    /// <summary>Relative changes of a mean (battery drain, latency shift) assume a coefficient of variation of 1 (an exponential-like spread).</summary>
    public const double AssumedCoefficientOfVariation = 1.0;

    /// <summary>The bins the output-drift (PSI) gate compares.</summary>
    public const int DriftBins = 10;

    /// <summary>More stages than this turn a rollout into a crawl; a RollingUpdate widens its batch instead.</summary>
    public const int MaxStages = 10;

    /// <summary>The canary's later steps.</summary>
    public static readonly IReadOnlyList<double> CanarySteps = [25, 50, 100];

    /// <summary>
    /// The shortest bake: devices must download and install the new version and send a few telemetry
    /// reports before what they send says anything, however quickly the sample count fills up.
    /// </summary>
    public static readonly TimeSpan MinimumBake = TimeSpan.FromMinutes(15);

    /// <summary>The stage percentages, each above the last, ending at 100.</summary>
    public static IReadOnlyList<double> Percentages(RolloutStrategy strategy, double percentage)
    {
        if (percentage is <= 0 or >= 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "must be above 0 and below 100");
        }

        if (strategy == RolloutStrategy.Canary)
        {
            return [percentage, .. CanarySteps.Where(s => s > percentage)];
        }

        var batch = Math.Max(percentage, 100.0 / MaxStages);
        var steps = new List<double>();
        for (var k = 1; Math.Round(k * batch, 9) < 100; k++)
        {
            steps.Add(Math.Round(k * batch, 9));
        }

        steps.Add(100);
        return steps;
    }

    /// <summary>
    /// The samples a gate needs before it may judge, from the noise of what it measures (n rounded up);
    /// null when the threshold leaves nothing to size from (a rate or difference of 0), so the manifest must give minSamples.
    /// <list type="bullet">
    /// <item>Quantile q (latency_pNN_ms, peak_memory_p95_mb, latency_p95_ratio): n = z²·q(1−q)/δ², δ = 0.01.</item>
    /// <item>Rate t (crash_rate, accuracy, cpu_limit_breach_share, other counter ratios): n = z²(1−t)/(t·δ²), δ = 0.1 (relative);
    /// a rate of 1 or more per sample is a Poisson count: n = z²/(t·δ²).</item>
    /// <item>Difference d of two rates (conversion_rate_lift in percentage points, *_difference between groups):
    /// n = z²·2·¼/d², each side — a difference the size of the threshold can be told from none.</item>
    /// <item>Relative change r of a mean (battery_drain_increase_percent in %, latency_canary_shift):
    /// n = z²·2·CV²/r², CV = 1, each side.</item>
    /// <item>Ratio of two rates (disparate_impact_ratio): n = z²·2(1−p)/(p·δ²) per group, p = ½, δ = 0.1 (the log ratio's half-width).</item>
    /// <item>Share t of devices (cpu_limit_breach_share): each device counts once, so a cohort's devices are all the samples
    /// there will ever be; n = z²(1−t)/t, the half-width equal to t itself, is enough to tell twice the allowed share from it.</item>
    /// <item>Output drift (output_psi) at threshold s: with no change the PSI of two samples of n is about 2(B−1)/n,
    /// B = 10 bins; n = 2(B−1)/(δ·s), δ = 0.1, so that noise alone reaches a tenth of the threshold.</item>
    /// </list>
    /// </summary>
    public static long? MinSamples(string metric, double threshold)
    {
        var n = Noise(metric) switch
        {
            GateNoise.Quantile => Z * Z * QuantileOf(metric) * (1 - QuantileOf(metric)) / (QuantilePrecision * QuantilePrecision),
            GateNoise.DeviceShare when threshold > 0 => Z * Z * (1 - threshold) / threshold,
            GateNoise.Rate when threshold >= 1 => Z * Z / (threshold * RelativePrecision * RelativePrecision),
            GateNoise.Rate when threshold > 0 => Z * Z * (1 - threshold) / (threshold * RelativePrecision * RelativePrecision),
            GateNoise.Difference when threshold != 0 => Z * Z * 2 * WorstCaseRateVariance / Square(DifferenceScale(metric, threshold)),
            GateNoise.RelativeChange when threshold != 0 => Z * Z * 2 * AssumedCoefficientOfVariation * AssumedCoefficientOfVariation / Square(RelativeScale(metric, threshold)),
            GateNoise.Ratio => Z * Z * 2 * (1 - AssumedSelectionRate) / (AssumedSelectionRate * RelativePrecision * RelativePrecision),
            GateNoise.Drift when threshold > 0 => 2.0 * (DriftBins - 1) / (RelativePrecision * threshold),
            _ => double.NaN,
        };
        return double.IsNaN(n) ? null : Math.Max(1, (long)Math.Ceiling(n - 1e-9));
    }

    /// <summary>
    /// How long a stage bakes: the time devices × percent/100 devices, each running the model
    /// <see cref="FleetContext.InferencesPerDevicePerHour"/> times an hour, take to produce
    /// <paramref name="samples"/>; whole minutes, at least <see cref="MinimumBake"/>.
    /// </summary>
    public static TimeSpan BakeWindow(long samples, double percent, FleetContext fleet)
    {
        var perMinute = fleet.Devices * (percent / 100) * fleet.InferencesPerDevicePerHour / 60;
        var minutes = perMinute <= 0 ? double.PositiveInfinity : Math.Ceiling((samples / perMinute) - 1e-9);
        return minutes <= MinimumBake.TotalMinutes ? MinimumBake : TimeSpan.FromMinutes(Math.Min(minutes, TimeSpan.MaxValue.TotalMinutes / 2));
    }

    /// <summary>The bake window of a stage from its gates: the largest of their minimum samples decides.</summary>
    public static TimeSpan BakeWindow(IEnumerable<GateSpec> gates, double percent, FleetContext fleet) =>
        BakeWindow(gates.Select(g => g.MinSamples).DefaultIfEmpty(0).Max(), percent, fleet);

    private enum GateNoise
    {
        Rate = 0,
        Quantile = 1,
        Difference = 2,
        RelativeChange = 3,
        Ratio = 4,
        Drift = 5,
        DeviceShare = 6,
    }

    private static GateNoise Noise(string metric) => metric switch
    {
        "latency_p50_ms" or "latency_p95_ms" or "latency_p99_ms" or "peak_memory_p95_mb" or "latency_p95_ratio" => GateNoise.Quantile,
        "conversion_rate_lift" or "demographic_parity_difference" or "equal_opportunity_difference" or "equalized_odds_difference" => GateNoise.Difference,
        "battery_drain_increase_percent" or "latency_canary_shift" => GateNoise.RelativeChange,
        "disparate_impact_ratio" => GateNoise.Ratio,
        "output_psi" => GateNoise.Drift,
        "cpu_limit_breach_share" => GateNoise.DeviceShare,
        _ => GateNoise.Rate,
    };

    private static double QuantileOf(string metric) => metric switch
    {
        "latency_p50_ms" => 0.50,
        "latency_p99_ms" => 0.99,
        _ => 0.95,
    };

    /// <summary>A lift is written in percentage points; the formula works on rates.</summary>
    private static double DifferenceScale(string metric, double threshold) =>
        metric == "conversion_rate_lift" ? Math.Abs(threshold) / 100 : Math.Abs(threshold);

    /// <summary>A battery increase is written in percent; the formula works on fractions.</summary>
    private static double RelativeScale(string metric, double threshold) =>
        metric == "battery_drain_increase_percent" ? Math.Abs(threshold) / 100 : Math.Abs(threshold);

    private static double Square(double x) => x * x;
}

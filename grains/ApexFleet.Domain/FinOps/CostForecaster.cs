using ApexFleet.Domain.Rollout;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// Extrapolates a rollout's measured spend to its whole fleet. Per phone reached: the bytes every
/// install so far took (failed ones and deltas included) over the installs that succeeded — counted
/// events, not the devices that run it now, which lag behind and move between variants. Per inference
/// on the new version: the share that fell back to the cloud, per cohort, weighted by each cohort's
/// share of the phones the rollout will reach (post-stratified: a 1 % canary's chance share of slow
/// phones must not become the fleet's). Intervals: the installs' byte mix (full or delta per variant)
/// for the mean download; for the rate, the Poisson variance of each cohort's count, or the exact
/// Garwood interval of the pooled count when no cohort weights are known. The rollout's fall-backs:
/// those spent are spent; the phone-hours its stages still plan run at the volume per phone-hour and
/// the rate measured so far. The fleet size, the stages' plan and, for the monthly run-rate, the
/// fleet's daily volume per phone are taken as given.
/// </summary>
public static class CostForecaster
{
    private const double Z95 = 1.959963984540054;

    public static CostForecast? Forecast(
        RolloutDefinition definition, RolloutSpend spend, FleetReach reach, FleetContext fleet, CostModel model, TargetExposure exposure = default)
    {
        var target = spend.Lines.Where(l => l.Role == SpendRole.Target).ToList();
        var installed = target.Sum(l => l.Installs);
        var attempts = target.Sum(l => l.InstallAttempts);
        if (installed <= 0 || attempts <= 0)
        {
            return null;
        }

        var devices = reach.Devices;
        var bytes = spend.Lines.Sum(l => (double)l.Bytes);
        var perDevice = bytes / installed;
        var (perAttemptSd, deltaShare) = InstallMix(definition, target, model, bytes / attempts);
        var perDeviceSe = perAttemptSd / Math.Sqrt(attempts) * attempts / installed;
        var egress = Priced(perDevice, perDeviceSe, devices * model.EgressUsdPerGb / CostModel.BytesPerGb);

        var inferences = target.Sum(l => l.Inferences);
        var fallbacks = target.Sum(l => l.CloudFallbacks);
        var rate = inferences <= 0 ? Estimate.Exact(0) : Stratified(target, reach.ReachableByCohort) ?? FallbackRate(fallbacks, inferences);
        var volume = exposure.InferencesPerDeviceHour(inferences) ?? fleet.InferencesPerDevicePerHour;
        var spentHours = exposure.DeviceHours * reach.Scale;
        var plannedHours = Math.Max(spentHours, devices * ExposureHours(definition));
        var spent = model.FallbackUsd(fallbacks) * reach.Scale;
        var rolloutFallback = Estimate.Exact(spent) + rate.Times((plannedHours - spentHours) * volume / 1000 * model.FallbackUsdPer1k);

        var monthlyInferences = devices * fleet.InferencesPerDevicePerHour * CostModel.HoursPerMonth;
        var storage = AdmissionEstimate.StorageUsdPerMonth(definition, model);
        var monthly = rate.Times(monthlyInferences / 1000 * model.FallbackUsdPer1k) + Estimate.Exact(storage);
        var energyPerInference = inferences <= 0 ? 0 : target.Sum(l => l.EnergyMillijoules) / inferences;
        return new CostForecast(
            egress, rate, rolloutFallback, monthly, model.EnergyUsd(energyPerInference * monthlyInferences),
            devices, perDevice, attempts, inferences, deltaShare, volume, spentHours, spent);
    }

    /// <summary>Hours of new-version exposure per phone the stages plan: each stage's share of the fleet times its bake window.</summary>
    public static double ExposureHours(RolloutDefinition definition) =>
        definition.Stages.Sum(s => s.Percent / 100 * s.BakeWindow.TotalHours);

    /// <summary>Exact (Garwood) 95 % interval of a Poisson count, over the inferences it came from.</summary>
    public static Estimate FallbackRate(long fallbacks, long inferences)
    {
        var low = fallbacks == 0 ? 0 : Gamma.InvCDF(fallbacks, 1, 0.025);
        var high = Gamma.InvCDF(fallbacks + 1, 1, 0.975);
        return new Estimate((double)fallbacks / inferences, low / inferences, high / inferences);
    }

    /// <summary>
    /// Σ weight × cohort rate over the cohorts that measured something, the weights renormalised over
    /// them. Phones differ (speed, usage), so a cohort's inferences are not independent draws: its
    /// rate's variance is bounded by r(1−r) ÷ its installs (the largest spread of per-phone rates in
    /// [0, 1] with mean r, Bhatia–Davis), never below the Poisson variance of its count. Normal interval.
    /// Null without weights.
    /// </summary>
    public static Estimate? Stratified(IEnumerable<CostLine> target, IReadOnlyDictionary<string, long>? reachableByCohort)
    {
        if (reachableByCohort is null)
        {
            return null;
        }

        var measured = target
            .GroupBy(l => l.Cohort, StringComparer.Ordinal)
            .Select(g => (
                Weight: (double)reachableByCohort.GetValueOrDefault(g.Key),
                Fallbacks: g.Sum(l => (double)l.CloudFallbacks),
                Inferences: g.Sum(l => (double)l.Inferences),
                Phones: Math.Max(1, g.Sum(l => (double)l.Installs))))
            .Where(c => c.Inferences > 0 && c.Weight > 0)
            .ToList();
        var total = measured.Sum(c => c.Weight);
        if (total <= 0)
        {
            return null;
        }

        double rate = 0, variance = 0;
        foreach (var (weight, fallbacks, inferences, phones) in measured)
        {
            var w = weight / total;
            var r = fallbacks / inferences;
            rate += w * r;
            // A cohort that saw no fall-back still has the uncertainty of one.
            var poisson = Math.Max(fallbacks, 1) / (inferences * inferences);
            variance += w * w * Math.Max(r * (1 - r) / phones, poisson);
        }

        var half = Z95 * Math.Sqrt(variance);
        return new Estimate(rate, Math.Max(0, rate - half), rate + half);
    }

    /// <summary>
    /// The spread of bytes per install attempt: each line's full downloads are its variant's size,
    /// its deltas that size times the delta ratio. Also the share of installs that were deltas.
    /// </summary>
    private static (double Sd, double DeltaShare) InstallMix(RolloutDefinition definition, List<CostLine> target, CostModel model, double mean)
    {
        double count = 0, deltas = 0, squares = 0;
        foreach (var line in target)
        {
            var size = definition.SizeOf(line.Variant) * 1e6;
            var full = line.BytesFull / size;
            var delta = line.BytesDelta / (size * model.DeltaSizeRatio);
            count += full + delta;
            deltas += delta;
            squares += (full * Math.Pow(size - mean, 2)) + (delta * Math.Pow((size * model.DeltaSizeRatio) - mean, 2));
        }

        return count <= 1 ? (0, 0) : (Math.Sqrt(squares / (count - 1)), deltas / count);
    }

    private static Estimate Priced(double mean, double se, double usdPerUnit) =>
        new(mean * usdPerUnit, Math.Max(0, mean - (Z95 * se)) * usdPerUnit, (mean + (Z95 * se)) * usdPerUnit);
}

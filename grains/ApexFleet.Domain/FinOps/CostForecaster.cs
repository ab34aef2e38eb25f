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
/// for the mean download; for the rate, each cohort's as its phones spread (<see cref="RateVariance"/>), or the exact
/// Garwood interval of the pooled count when no cohort weights are known. The rollout's fall-backs:
/// those spent are spent; the inferences each cohort still runs before everyone runs it
/// (<see cref="StagesAhead"/>, each stage's new phones starting the ramp's lag measured so far after it)
/// at the rate that cohort measured. The fleet size, its usage cycle and
/// the stages' bake windows are taken as given; the monthly run-rate is the fleet's daily volume at
/// the post-stratified rate.
/// </summary>
public static class CostForecaster
{
    private const double Z95 = 1.959963984540054;

    public static CostForecast? Forecast(
        RolloutDefinition definition, RolloutSpend spend, FleetReach reach, FleetContext fleet, CostModel model, TargetExposure exposure, RolloutPosition position)
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
        var cycle = fleet.Cycle;
        var level = exposure.InferencesPerWeightedHour(inferences) ?? fleet.InferencesPerDevicePerHour;
        var volume = exposure.InferencesPerDeviceHour(inferences) ?? level * cycle.Mean;
        var spent = model.FallbackUsd(fallbacks) * reach.Scale;
        var ran = Cohorts(target).ToDictionary(c => c.Cohort, c => (long)c.Inferences, StringComparer.Ordinal);
        var lag = exposure.RampLag(StagesAhead.Offered(definition, position.State, PhonesByCohort(reach, 1)), target.Sum(l => l.InstalledDevices));
        var ahead = StagesAhead.Inferences(definition, position.State, position.Now, position.Gates, PhonesByCohort(reach, reach.Scale), ran, level, cycle, lag);
        var rolloutFallback = Estimate.Exact(spent) + FallbacksAhead(ahead, target, rate).Times(model.FallbackUsdPer1k / 1000);

        var monthlyInferences = devices * fleet.InferencesPerDevicePerHour * cycle.Mean * CostModel.HoursPerMonth;
        var storage = AdmissionEstimate.StorageUsdPerMonth(definition, model);
        var monthly = rate.Times(monthlyInferences / 1000 * model.FallbackUsdPer1k) + Estimate.Exact(storage);
        var energyPerInference = inferences <= 0 ? 0 : target.Sum(l => l.EnergyMillijoules) / inferences;
        return new CostForecast(
            egress, rate, rolloutFallback, monthly, model.EnergyUsd(energyPerInference * monthlyInferences),
            devices, perDevice, attempts, inferences, deltaShare, volume, exposure.DeviceHours * reach.Scale, spent);
    }

    /// <summary>
    /// The fall-backs of the inferences ahead, each cohort's at its own measured rate (a cohort through
    /// first runs longest at 100 %: its rate weighs more than its share of phones), a cohort not
    /// measured yet at the fleet's. Normal interval from the rates' variances.
    /// </summary>
    private static Estimate FallbacksAhead(IReadOnlyDictionary<string, double> ahead, List<CostLine> target, Estimate fleetRate)
    {
        var measured = Cohorts(target).Where(c => c.Inferences > 0).ToDictionary(c => c.Cohort, StringComparer.Ordinal);
        var fleetVariance = Math.Pow((fleetRate.High - fleetRate.Low) / (2 * Z95), 2);
        double value = 0, variance = 0;
        foreach (var (cohort, inferences) in ahead)
        {
            var (rate, rateVariance) = measured.TryGetValue(cohort, out var c)
                ? (c.Fallbacks / c.Inferences, RateVariance(c))
                : (fleetRate.Value, fleetVariance);
            value += inferences * rate;
            variance += inferences * inferences * rateVariance;
        }

        var half = Z95 * Math.Sqrt(variance);
        return new Estimate(value, Math.Max(0, value - half), value + half);
    }

    /// <summary>
    /// A cohort's rate's variance: phones differ (speed, usage), so its inferences are not independent
    /// draws. From the spread between its phones when the cohort counted it (<see cref="PhoneSpread"/>);
    /// otherwise (lines stored before it was counted) bounded by r(1−r) ÷ its installs, the largest
    /// spread of per-phone rates in [0, 1] with mean r (Bhatia–Davis). Never below the Poisson
    /// variance of its count (of one, when it saw none).
    /// </summary>
    private static double RateVariance(in CohortRate cohort)
    {
        var r = cohort.Fallbacks / cohort.Inferences;
        var between = cohort.Spread.RateVariance(cohort.Fallbacks, cohort.Inferences, cohort.Phones) ?? r * (1 - r) / cohort.Phones;
        return Math.Max(between, Math.Max(cohort.Fallbacks, 1) / (cohort.Inferences * cohort.Inferences));
    }

    private readonly record struct CohortRate(string Cohort, double Fallbacks, double Inferences, double Phones, PhoneSpread Spread);

    private static IEnumerable<CohortRate> Cohorts(IEnumerable<CostLine> target) =>
        target.GroupBy(l => l.Cohort, StringComparer.Ordinal).Select(g => new CohortRate(
            g.Key,
            g.Sum(l => (double)l.CloudFallbacks),
            g.Sum(l => (double)l.Inferences),
            Math.Max(1, g.Sum(l => (double)l.Installs)),
            g.Aggregate(default(PhoneSpread), (sum, l) => sum + l.Spread)));

    /// <summary>
    /// Phones the rollout will reach per cohort, the enrolled times <paramref name="scale"/>
    /// (<see cref="FleetReach.Scale"/> for the fleet, 1 for the enrolled as the exposure counts them);
    /// the fleet as one cohort when none are known.
    /// </summary>
    private static Dictionary<string, double> PhonesByCohort(FleetReach reach, double scale) =>
        reach.ReachableByCohort is { Count: > 0 } byCohort
            ? byCohort.ToDictionary(kv => kv.Key, kv => kv.Value * scale, StringComparer.Ordinal)
            : new Dictionary<string, double>(StringComparer.Ordinal) { [GateResult.FleetScope] = reach.Devices * (scale / reach.Scale) };

    /// <summary>Exact (Garwood) 95 % interval of a Poisson count, over the inferences it came from.</summary>
    public static Estimate FallbackRate(long fallbacks, long inferences)
    {
        var low = fallbacks == 0 ? 0 : Gamma.InvCDF(fallbacks, 1, 0.025);
        var high = Gamma.InvCDF(fallbacks + 1, 1, 0.975);
        return new Estimate((double)fallbacks / inferences, low / inferences, high / inferences);
    }

    /// <summary>
    /// Σ weight × cohort rate over the cohorts that measured something, the weights renormalised over
    /// them; each rate's variance as <see cref="RateVariance"/> says. Normal interval. Null without weights.
    /// </summary>
    public static Estimate? Stratified(IEnumerable<CostLine> target, IReadOnlyDictionary<string, long>? reachableByCohort)
    {
        if (reachableByCohort is null)
        {
            return null;
        }

        var measured = Cohorts(target)
            .Select(c => (Weight: (double)reachableByCohort.GetValueOrDefault(c.Cohort), Cohort: c))
            .Where(c => c.Cohort.Inferences > 0 && c.Weight > 0)
            .ToList();
        var total = measured.Sum(c => c.Weight);
        if (total <= 0)
        {
            return null;
        }

        double rate = 0, variance = 0;
        foreach (var (weight, cohort) in measured)
        {
            var w = weight / total;
            rate += w * cohort.Fallbacks / cohort.Inferences;
            variance += w * w * RateVariance(cohort);
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

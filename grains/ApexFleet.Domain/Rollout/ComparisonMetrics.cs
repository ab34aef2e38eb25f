using ApexFleet.Domain.Fairness;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// The gate metrics of the on-device manifest that compare the new version with the previous one in
/// the same scope, or need an interval of their own. Each carries a 95 % interval, so a gate decides
/// only when the evidence is clear of its threshold.
/// </summary>
public static class ComparisonMetrics
{
    private static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <summary>
    /// Conversion rate of the new version minus the previous version's, in percentage points, with
    /// Newcombe's hybrid score interval (method 10) built from each rate's Wilson interval [R13].
    /// </summary>
    public static Observation ConversionLift(VariantMetrics target, VariantMetrics? baseline)
    {
        if (baseline is null || target.Counters.Sessions == 0 || baseline.Counters.Sessions == 0)
        {
            return Observation.None;
        }

        var (k1, n1) = (target.Counters.Conversions, target.Counters.Sessions);
        var (k2, n2) = (baseline.Counters.Conversions, baseline.Counters.Sessions);
        double p1 = (double)k1 / n1, p2 = (double)k2 / n2;
        var w1 = RateInterval.Wilson(k1, n1);
        var w2 = RateInterval.Wilson(k2, n2);
        var difference = p1 - p2;
        var lower = difference - Math.Sqrt(Square(p1 - w1.Lower) + Square(w2.Upper - p2));
        var upper = difference + Math.Sqrt(Square(w1.Upper - p1) + Square(p2 - w2.Lower));
        return new Observation(100 * difference, Math.Min(n1, n2), 100 * lower, 100 * upper);
    }

    /// <summary>
    /// How much more battery per hour the new version drains than the previous one, in percent of the
    /// previous version's mean, with a delta-method interval from each version's spread between reports.
    /// </summary>
    public static Observation BatteryDrainIncrease(VariantMetrics target, VariantMetrics? baseline)
    {
        if (baseline is null || DrainMoments(target) is not { } t || DrainMoments(baseline) is not { } b || b.Mean <= 0)
        {
            return Observation.None;
        }

        var ratio = t.Mean / b.Mean;
        var relativeError = Math.Sqrt((t.Variance / (t.Count * t.Mean * t.Mean)) + (b.Variance / (b.Count * b.Mean * b.Mean)));
        var spread = Z95 * ratio * relativeError;
        return new Observation(100 * (ratio - 1), Math.Min(t.Count, b.Count), 100 * (ratio - spread - 1), 100 * (ratio + spread - 1));
    }

    /// <summary>
    /// Disparate impact: the lowest group's selection rate over the highest's (the four-fifths rule,
    /// [R12]), bounded by the groups' Wilson intervals: at least the lowest lower bound over the highest
    /// upper bound, at most the lowest upper bound over the highest lower bound (capped at 1).
    /// </summary>
    public static Observation DisparateImpact(VariantMetrics metrics)
    {
        var groups = metrics.Outcomes.Values.Where(c => c.Total > 0).ToList();
        if (groups.Count < 2)
        {
            return Observation.None;
        }

        var rates = groups.Select(c => c.SelectionRate).ToList();
        var intervals = groups.Select(c => RateInterval.Wilson(c.PredictedPositives, c.Total)).ToList();
        var highest = rates.Max();
        var value = highest == 0 ? 1 : rates.Min() / highest;
        var lower = intervals.Max(i => i.Upper) is var top && top > 0 ? intervals.Min(i => i.Lower) / top : 0;
        var upper = intervals.Max(i => i.Lower) is var floor && floor > 0 ? Math.Min(1, intervals.Min(i => i.Upper) / floor) : 1;
        return new Observation(value, groups.Min(c => c.Total), lower, upper);
    }

    /// <summary>Share of the devices running the version that breached the CPU limit at least once, with its Wilson interval; samples = devices.</summary>
    public static Observation CpuLimitBreachShare(VariantMetrics metrics)
    {
        var devices = Math.Max(metrics.InstalledDevices, metrics.Counters.DevicesOverCpuLimit);
        if (devices <= 0)
        {
            return Observation.None;
        }

        var breached = metrics.Counters.DevicesOverCpuLimit;
        var interval = RateInterval.Wilson(breached, devices);
        return new Observation((double)breached / devices, devices, interval.Lower, interval.Upper);
    }

    /// <summary>
    /// The 95th percentile of per-report peak memory, with a distribution-free interval: the sketch's
    /// quantiles at the ranks a binomial(n, 0.95) puts 95 % of its mass between.
    /// </summary>
    public static Observation PeakMemoryP95(VariantMetrics metrics)
    {
        var sketch = metrics.PeakMemory;
        if (sketch.IsEmpty)
        {
            return Observation.None;
        }

        var n = sketch.Count;
        var spread = Z95 * Math.Sqrt(0.95 * 0.05 / n);
        return new Observation(sketch.Quantile(0.95), n, sketch.Quantile(Math.Max(0, 0.95 - spread)), sketch.Quantile(Math.Min(1, 0.95 + spread)));
    }

    private static (double Mean, double Variance, long Count)? DrainMoments(VariantMetrics metrics)
    {
        // Over the reports that read a battery: a host without one has no drain, not a drain of 0.
        var n = metrics.Counters.BatteryReadings;
        if (n < 2)
        {
            return null;
        }

        var sum = metrics.Counters.BatteryDrainPercentPerHour;
        var squares = metrics.Counters.BatteryDrainSquaredMilli / 1000.0;
        var mean = sum / n;
        return (mean, Math.Max(0, (squares - (n * mean * mean)) / (n - 1)), n);
    }

    private static double Square(double x) => x * x;
}

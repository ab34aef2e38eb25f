using System.Globalization;
using MathNet.Numerics.Statistics;

namespace ApexFleet.Domain.Drift;

/// <summary>
/// A Kayenta-style judge of a canary against its control on one metric: the Hodges–Lehmann shift
/// (canary − control) and its confidence interval are compared with a band of harmless change, and
/// the metric is High or Low only when the whole interval clears the band.
/// </summary>
/// <remarks>
/// Two departures from Kayenta, both for its known weakness of calling sparse data a pass:
/// fewer than <see cref="CanaryJudgeOptions.MinSamples"/> values, or an interval that does not reach
/// the requested confidence, is Inconclusive; and Pass needs the interval inside the band, so an
/// interval that straddles a band edge (too little evidence either way) is Inconclusive too. The band
/// is a share of the control's median ("a 25% change"), where Kayenta scales it by the estimate itself.
/// Constant or tied samples need no added noise: the interval comes from order statistics of the
/// pairwise differences, which ties do not break.
/// </remarks>
public static class CanaryJudge
{
    public static CanaryJudgement Judge(IReadOnlyList<double> control, IReadOnlyList<double> canary, CanaryJudgeOptions? options = null)
    {
        options ??= CanaryJudgeOptions.Default;
        if (options.Tolerance < 0 || !double.IsFinite(options.Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "the tolerance is a non-negative share");
        }

        if (control.Count < options.MinSamples || canary.Count < options.MinSamples || control.Count == 0 || canary.Count == 0)
        {
            return new CanaryJudgement(CanaryVerdict.Inconclusive, null, double.NaN, double.NaN, control.Count, canary.Count,
                $"too few samples: control {control.Count}, canary {canary.Count}, need {options.MinSamples} each");
        }

        var shift = HodgesLehmann.Estimate(canary, control, options.Confidence);
        var band = options.Tolerance * Math.Abs(control.Median());
        var pValue = MannWhitney.Test(canary, control).PValue;
        CanaryJudgement Verdict(CanaryVerdict verdict, string why) =>
            new(verdict, shift, band, pValue, control.Count, canary.Count, why);

        var level = string.Create(CultureInfo.InvariantCulture, $"{shift.Confidence * 100:0.##}%");
        var interval = string.Create(CultureInfo.InvariantCulture,
            $"shift {shift.Estimate:G4}, {level} interval [{shift.Lower:G4}, {shift.Upper:G4}], band ±{band:G4}");
        if (shift.AchievedConfidence < shift.Confidence)
        {
            return Verdict(CanaryVerdict.Inconclusive, $"{interval}: the samples are too small to reach {level} confidence");
        }

        var judgesIncrease = options.Direction != ChangeDirection.Decrease;
        var judgesDecrease = options.Direction != ChangeDirection.Increase;
        if (judgesIncrease && shift.Lower > band)
        {
            return Verdict(CanaryVerdict.High, $"{interval}: the canary is higher");
        }

        if (judgesDecrease && shift.Upper < -band)
        {
            return Verdict(CanaryVerdict.Low, $"{interval}: the canary is lower");
        }

        var withinAbove = !judgesIncrease || shift.Upper <= band;
        var withinBelow = !judgesDecrease || shift.Lower >= -band;
        return withinAbove && withinBelow
            ? Verdict(CanaryVerdict.Pass, $"{interval}: within the band")
            : Verdict(CanaryVerdict.Inconclusive, $"{interval}: the interval straddles the band edge, more samples needed");
    }
}

namespace ApexFleet.Domain.Rollout;

public enum GateVerdict
{
    /// <summary>Not enough samples yet: the rollout waits; an inconclusive gate never passes.</summary>
    Inconclusive = 0,
    Pass = 1,
    Fail = 2,
}

/// <summary>One gate judged on one scope, with the numbers behind the verdict (its always-valid interval when it has one).</summary>
public sealed record GateResult(
    GateSpec Gate,
    string Scope,
    double Observed,
    long Samples,
    GateVerdict Verdict,
    double Lower = double.NaN,
    double Upper = double.NaN)
{
    public const string FleetScope = "fleet";

    public bool HasInterval => !double.IsNaN(Lower) && !double.IsNaN(Upper);

    public static GateResult Judge(GateSpec gate, string scope, VariantMetrics metrics, VariantMetrics? baseline = null, double? privacyEpsilon = null)
    {
        var observation = SequentialGateMetrics.Observe(gate, metrics, baseline);
        if (privacyEpsilon is { } noised && observation.HasInterval)
        {
            var noise = ConfidenceSequence.Z(observation.Samples, ConfidenceSequence.Tuning(gate.MinSamples)) * GateMetrics.NoiseStandardError(gate, observation, metrics, noised);
            observation = observation with { Lower = observation.Lower - noise, Upper = observation.Upper + noise };
        }

        var verdict = observation.Samples < gate.MinSamples || double.IsNaN(observation.Value)
                || (privacyEpsilon is { } epsilon && !observation.HasInterval && !GateMetrics.NoiseIsSmallEnough(gate, observation, metrics, epsilon))
            ? GateVerdict.Inconclusive
            : observation.HasInterval
                ? JudgeInterval(gate, observation)
                : gate.Operator.Holds(observation.Value, gate.Threshold) ? GateVerdict.Pass : GateVerdict.Fail;
        return new GateResult(gate, scope, observation.Value, observation.Samples, verdict, observation.Lower, observation.Upper);
    }

    /// <summary>
    /// Fail when even the interval's best end breaks the threshold (the harm is proven); pass when even
    /// its worst end stays short of threshold + tolerance (any harm is within the indifference zone);
    /// otherwise wait. Once the interval is narrower than the tolerance one of the two must hold, so
    /// every gate decides in bounded time, and the sequence's coverage bounds both errors at every look.
    /// </summary>
    private static GateVerdict JudgeInterval(GateSpec gate, Observation o)
    {
        var (worst, best) = gate.UpperIsWorse ? (o.Upper, o.Lower) : (o.Lower, o.Upper);
        return !gate.Operator.Holds(best, gate.Threshold) ? GateVerdict.Fail
            : gate.Operator.Holds(worst, gate.ClearlyHarmful) ? GateVerdict.Pass
            : GateVerdict.Inconclusive;
    }

    private string Interval => HasInterval ? $", interval [{Lower:0.####}, {Upper:0.####}]" : "";

    public string Explain() => Verdict switch
    {
        GateVerdict.Inconclusive when Samples >= Gate.MinSamples =>
            $"{Gate.Metric} on {Scope}: inconclusive, {Observed:0.###}{Interval} is not yet clearly on either side of {Gate.Threshold} (tolerance {Gate.ToleranceOrDefault:0.####}, {Samples} samples)",
        GateVerdict.Inconclusive =>
            $"{Gate.Metric} on {Scope}: inconclusive, {Samples} of {Gate.MinSamples} samples",
        _ => $"{Gate.Metric} on {Scope}: {Observed:0.###}{Interval} {(Verdict == GateVerdict.Pass ? "meets" : "breaks")} {Gate.Operator.Symbol()} {Gate.Threshold} over {Samples} samples",
    };
}

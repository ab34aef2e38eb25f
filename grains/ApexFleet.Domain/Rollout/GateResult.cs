namespace ApexFleet.Domain.Rollout;

public enum GateVerdict
{
    /// <summary>Not enough samples yet: the rollout waits; an inconclusive gate never passes.</summary>
    Inconclusive = 0,
    Pass = 1,
    Fail = 2,
}

/// <summary>One gate judged on one scope, with the numbers behind the verdict.</summary>
public sealed record GateResult(
    GateSpec Gate,
    string Scope,
    double Observed,
    long Samples,
    GateVerdict Verdict)
{
    public const string FleetScope = "fleet";

    public static GateResult Judge(GateSpec gate, string scope, VariantMetrics metrics, VariantMetrics? baseline = null, double? privacyEpsilon = null)
    {
        var observation = GateMetrics.Observe(gate.Metric, metrics, baseline);
        var verdict = observation.Samples < gate.MinSamples || double.IsNaN(observation.Value)
                || (privacyEpsilon is { } epsilon && !GateMetrics.NoiseIsSmallEnough(gate, observation, metrics, epsilon))
            ? GateVerdict.Inconclusive
            : observation.HasInterval
                ? JudgeInterval(gate, observation)
                : gate.Operator.Holds(observation.Value, gate.Threshold) ? GateVerdict.Pass : GateVerdict.Fail;
        return new GateResult(gate, scope, observation.Value, observation.Samples, verdict);
    }

    /// <summary>
    /// The whole interval must be on one side of the threshold: pass when even its worst end holds,
    /// fail when even its best end breaks, and otherwise wait for more evidence.
    /// </summary>
    private static GateVerdict JudgeInterval(GateSpec gate, Observation o)
    {
        var upperIsWorse = gate.Operator is ComparisonOperator.LessOrEqual or ComparisonOperator.Less;
        var (worst, best) = upperIsWorse ? (o.Upper, o.Lower) : (o.Lower, o.Upper);
        return gate.Operator.Holds(worst, gate.Threshold) ? GateVerdict.Pass
            : !gate.Operator.Holds(best, gate.Threshold) ? GateVerdict.Fail
            : GateVerdict.Inconclusive;
    }

    public string Explain() => Verdict switch
    {
        GateVerdict.Inconclusive when Samples >= Gate.MinSamples =>
            $"{Gate.Metric} on {Scope}: inconclusive, {Observed:0.###} is not yet clearly on either side of {Gate.Threshold} ({Samples} samples)",
        GateVerdict.Inconclusive =>
            $"{Gate.Metric} on {Scope}: inconclusive, {Samples} of {Gate.MinSamples} samples",
        _ => $"{Gate.Metric} on {Scope}: {Observed:0.###} {(Verdict == GateVerdict.Pass ? "meets" : "breaks")} {Gate.Operator.Symbol()} {Gate.Threshold} over {Samples} samples",
    };
}

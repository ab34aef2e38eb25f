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

    public static GateResult Judge(GateSpec gate, string scope, VariantMetrics metrics, VariantMetrics? baseline = null)
    {
        var observation = GateMetrics.Observe(gate.Metric, metrics, baseline);
        var verdict = observation.Samples < gate.MinSamples || double.IsNaN(observation.Value)
            ? GateVerdict.Inconclusive
            : gate.Operator.Holds(observation.Value, gate.Threshold) ? GateVerdict.Pass : GateVerdict.Fail;
        return new GateResult(gate, scope, observation.Value, observation.Samples, verdict);
    }

    public string Explain() => Verdict switch
    {
        GateVerdict.Inconclusive =>
            $"{Gate.Metric} on {Scope}: inconclusive, {Samples} of {Gate.MinSamples} samples",
        _ => $"{Gate.Metric} on {Scope}: {Observed:0.###} {(Verdict == GateVerdict.Pass ? "meets" : "breaks")} {Gate.Operator.Symbol()} {Gate.Threshold} over {Samples} samples",
    };
}

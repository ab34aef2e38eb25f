using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Deployments;

/// <summary>A gate's verdict on one scope, with the numbers a person needs to trust it.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.gate-outcome")]
public sealed record GateOutcome(
    [property: Id(0)] string Metric,
    [property: Id(1)] ComparisonOperator Operator,
    [property: Id(2)] double Threshold,
    [property: Id(3)] long MinSamples,
    [property: Id(4)] string Scope,
    [property: Id(5)] double Observed,
    [property: Id(6)] long Samples,
    [property: Id(7)] GateVerdict Verdict,
    [property: Id(8)] double Lower = double.NaN,
    [property: Id(9)] double Upper = double.NaN,
    [property: Id(10)] double Tolerance = 0)
{
    public static GateOutcome From(GateResult r) =>
        new(r.Gate.Metric, r.Gate.Operator, r.Gate.Threshold, r.Gate.MinSamples, r.Scope, r.Observed, r.Samples, r.Verdict, r.Lower, r.Upper, r.Gate.ToleranceOrDefault);

    /// <summary>How short of samples this verdict was (<see cref="GateSamples"/>).</summary>
    public GateSamples Shortfall()
    {
        var upperIsWorse = Operator.UpperIsWorse();
        return GateSamples.Of(Metric, Scope, Samples, MinSamples, Verdict, Observed, Lower, Upper, Threshold, upperIsWorse ? Threshold + Tolerance : Threshold - Tolerance, upperIsWorse);
    }
}

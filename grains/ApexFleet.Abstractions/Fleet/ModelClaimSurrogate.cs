using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Fleet;

[GenerateSerializer, Alias("apexfleet.model-claim")]
public struct ModelClaimSurrogate
{
    [Id(0)] public ClaimVerdict Verdict;
    [Id(1)] public string? Holder;
    [Id(2)] public string Reason;
}

[RegisterConverter]
public sealed class ModelClaimSurrogateConverter : IConverter<ModelClaim, ModelClaimSurrogate>
{
    public ModelClaim ConvertFromSurrogate(in ModelClaimSurrogate surrogate) => new(surrogate.Verdict, surrogate.Holder, surrogate.Reason ?? "");

    public ModelClaimSurrogate ConvertToSurrogate(in ModelClaim value) => new() { Verdict = value.Verdict, Holder = value.Holder, Reason = value.Reason };
}

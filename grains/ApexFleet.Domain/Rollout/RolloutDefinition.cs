using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Rollout;

/// <summary>Everything a deployment needs to roll a model out: the validated content of a manifest.</summary>
public sealed record RolloutDefinition(
    string Name,
    string ModelId,
    string TargetVersion,
    string PreviousVersion,
    Precision Precision,
    double ArtifactMegabytes,
    ulong Seed,
    IReadOnlyList<RolloutStage> Stages,
    double? PrivacyEpsilon = null,
    Pareto.VariantSelection? Selection = null)
{
    public ModelRef Target => new(ModelId, TargetVersion, Precision);

    /// <summary>The download size of a variant: its own when the manifest lists variants, else the model's.</summary>
    public double SizeOf(Precision precision) => Selection?.SizesMb.GetValueOrDefault(precision, ArtifactMegabytes) ?? ArtifactMegabytes;
}

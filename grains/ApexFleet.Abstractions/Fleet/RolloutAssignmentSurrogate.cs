using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Fleet;

[GenerateSerializer, Alias("apexfleet.rollout-assignment")]
public struct RolloutAssignmentSurrogate
{
    [Id(0)] public string DeploymentId;
    [Id(1)] public long Epoch;
    [Id(2)] public string ModelId;
    [Id(3)] public string TargetVersion;
    [Id(4)] public string PreviousVersion;
    [Id(17)] public Precision Precision;
    [Id(6)] public double ArtifactMegabytes;
    [Id(8)] public ulong Seed;
    [Id(9)] public double Percent;
    [Id(18)] public RolloutPhase Phase;
    [Id(11)] public string[] ExcludedCohorts;
    /// <summary>Differential-privacy budget per report; 0 when the rollout asks for none.</summary>
    [Id(12)] public double PrivacyEpsilon;
    [Id(13)] public string[] VariantCohorts;
    [Id(19)] public Precision[] VariantPrecisions;
    [Id(20)] public Precision[] SizedVariants;
    [Id(16)] public double[] VariantSizesMb;
}

[RegisterConverter]
public sealed class RolloutAssignmentSurrogateConverter : IConverter<RolloutAssignment, RolloutAssignmentSurrogate>
{
    public RolloutAssignment ConvertFromSurrogate(in RolloutAssignmentSurrogate s) => new(
        s.DeploymentId, s.Epoch, s.ModelId, s.TargetVersion, s.PreviousVersion, s.Precision, s.ArtifactMegabytes,
        s.Seed, s.Percent, s.Phase, new SortedSet<string>(s.ExcludedCohorts, StringComparer.Ordinal), s.PrivacyEpsilon > 0 ? s.PrivacyEpsilon : null,
        s.VariantCohorts is { Length: > 0 } cohorts ? cohorts.Zip(s.VariantPrecisions).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal) : null,
        s.SizedVariants is { Length: > 0 } sized ? sized.Zip(s.VariantSizesMb).ToDictionary(p => p.First, p => p.Second) : null);

    public RolloutAssignmentSurrogate ConvertToSurrogate(in RolloutAssignment a) => new()
    {
        DeploymentId = a.DeploymentId,
        Epoch = a.Epoch,
        ModelId = a.ModelId,
        TargetVersion = a.TargetVersion,
        PreviousVersion = a.PreviousVersion,
        Precision = a.Precision,
        ArtifactMegabytes = a.ArtifactMegabytes,
        Seed = a.Seed,
        Percent = a.Percent,
        Phase = a.Phase,
        ExcludedCohorts = [.. a.ExcludedCohorts],
        PrivacyEpsilon = a.PrivacyEpsilon ?? 0,
        VariantCohorts = a.VariantByCohort is null ? [] : [.. a.VariantByCohort.Keys],
        VariantPrecisions = a.VariantByCohort is null ? [] : [.. a.VariantByCohort.Values],
        SizedVariants = a.VariantSizesMb is null ? [] : [.. a.VariantSizesMb.Keys],
        VariantSizesMb = a.VariantSizesMb is null ? [] : [.. a.VariantSizesMb.Values],
    };
}

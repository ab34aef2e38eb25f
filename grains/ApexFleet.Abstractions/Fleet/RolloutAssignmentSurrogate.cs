using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;
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
    [Id(21)] public double PrivacyDailyBudget;
    /// <summary>Targeting, one position per platform entry: platform (as its number), minimum OS version ("" for none), minimum SDK (0 for none), architectures joined by commas.</summary>
    [Id(22)] public int[] TargetPlatforms;
    [Id(23)] public string[] TargetMinOsVersions;
    [Id(24)] public int[] TargetMinSdks;
    [Id(25)] public string[] TargetArchitectures;
    /// <summary>Per-cohort progression: each reporting cohort's exposed share, one position per cohort.</summary>
    [Id(26)] public string[] PercentCohorts;
    [Id(27)] public double[] CohortPercents;
}

[RegisterConverter]
public sealed class RolloutAssignmentSurrogateConverter : IConverter<RolloutAssignment, RolloutAssignmentSurrogate>
{
    public RolloutAssignment ConvertFromSurrogate(in RolloutAssignmentSurrogate s) => new(
        s.DeploymentId, s.Epoch, s.ModelId, s.TargetVersion, s.PreviousVersion, s.Precision, s.ArtifactMegabytes,
        s.Seed, s.Percent, s.Phase, new SortedSet<string>(s.ExcludedCohorts, StringComparer.Ordinal),
        s.PrivacyEpsilon > 0 ? new PrivacyPolicy(s.PrivacyEpsilon, s.PrivacyDailyBudget > 0 ? s.PrivacyDailyBudget : PrivacyPolicy.DefaultReleasesPerDay * s.PrivacyEpsilon) : null,
        s.VariantCohorts is { Length: > 0 } cohorts ? cohorts.Zip(s.VariantPrecisions).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal) : null,
        s.SizedVariants is { Length: > 0 } sized ? sized.Zip(s.VariantSizesMb).ToDictionary(p => p.First, p => p.Second) : null,
        TargetingOf(s.TargetPlatforms, s.TargetMinOsVersions, s.TargetMinSdks, s.TargetArchitectures),
        s.PercentCohorts is { Length: > 0 } staged ? staged.Zip(s.CohortPercents).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal) : null);

    private static Targeting? TargetingOf(int[]? platforms, string[] minOs, int[] minSdk, string[] architectures) =>
        platforms is { Length: > 0 }
            ? new Targeting([.. platforms.Select((platform, i) => new PlatformTarget(
                (DevicePlatform)platform,
                minOs[i] is { Length: > 0 } os ? os : null,
                minSdk[i] > 0 ? minSdk[i] : null,
                architectures[i].Split(',', StringSplitOptions.RemoveEmptyEntries)))])
            : null;

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
        PrivacyEpsilon = a.Privacy?.Epsilon ?? 0,
        PrivacyDailyBudget = a.Privacy?.DailyBudget ?? 0,
        TargetPlatforms = a.Targeting is null ? [] : [.. a.Targeting.Platforms.Select(p => (int)p.Platform)],
        TargetMinOsVersions = a.Targeting is null ? [] : [.. a.Targeting.Platforms.Select(p => p.MinOsVersion ?? "")],
        TargetMinSdks = a.Targeting is null ? [] : [.. a.Targeting.Platforms.Select(p => p.MinSdk ?? 0)],
        TargetArchitectures = a.Targeting is null ? [] : [.. a.Targeting.Platforms.Select(p => string.Join(',', p.Architectures))],
        VariantCohorts = a.VariantByCohort is null ? [] : [.. a.VariantByCohort.Keys],
        VariantPrecisions = a.VariantByCohort is null ? [] : [.. a.VariantByCohort.Values],
        SizedVariants = a.VariantSizesMb is null ? [] : [.. a.VariantSizesMb.Keys],
        VariantSizesMb = a.VariantSizesMb is null ? [] : [.. a.VariantSizesMb.Values],
        PercentCohorts = a.PercentByCohort is null ? [] : [.. a.PercentByCohort.Keys],
        CohortPercents = a.PercentByCohort is null ? [] : [.. a.PercentByCohort.Values],
    };
}

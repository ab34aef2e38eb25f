using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;

namespace ApexFleet.Domain.Rollout;

/// <summary>The part of a rollout every device needs to work out what it should run.</summary>
public sealed record RolloutAssignment(
    string DeploymentId,
    long Epoch,
    string ModelId,
    string TargetVersion,
    string PreviousVersion,
    Precision Precision,
    double ArtifactMegabytes,
    ulong Seed,
    double Percent,
    RolloutPhase Phase,
    IReadOnlySet<string> ExcludedCohorts,
    PrivacyPolicy? Privacy = null,
    IReadOnlyDictionary<string, Precision>? VariantByCohort = null,
    IReadOnlyDictionary<Precision, double>? VariantSizesMb = null,
    Targeting? Targeting = null,
    IReadOnlyDictionary<string, double>? PercentByCohort = null)
{
    public double? PrivacyEpsilon => Privacy?.Epsilon;

    /// <summary>The download size of a variant: its own when the manifest lists variants, else the model's.</summary>
    public double SizeOf(Precision precision) => VariantSizesMb?.GetValueOrDefault(precision, ArtifactMegabytes) ?? ArtifactMegabytes;

    public static RolloutAssignment From(
        string deploymentId, RolloutDefinition definition, RolloutState state, IReadOnlyDictionary<string, Precision>? variantByCohort = null) => new(
        deploymentId,
        state.Epoch,
        definition.ModelId,
        definition.TargetVersion,
        definition.PreviousVersion,
        definition.Precision,
        definition.ArtifactMegabytes,
        definition.Seed,
        definition.PercentAt(state),
        state.Phase,
        state.ExcludedCohorts,
        definition.Privacy,
        variantByCohort,
        definition.Selection?.SizesMb,
        definition.Targeting,
        definition.PercentByCohort(state));

    /// <summary>The share of <paramref name="cohort"/>'s devices exposed: its own stage's when cohorts progress on their own.</summary>
    public double PercentFor(string cohort) => PercentByCohort?.GetValueOrDefault(cohort, Percent) ?? Percent;

    /// <summary>Whether the rollout may reach a device like this one at all.</summary>
    public bool Targets(in DeviceTraits device) => Targeting?.Matches(device) ?? true;

    /// <summary>
    /// The version this device should run, and whether getting there is a rollback. Devices outside
    /// the exposed buckets keep (or get back) the previous version.
    /// </summary>
    public DesiredModel DesiredFor(string deviceId, string cohort)
    {
        if (Phase.RevertsEverything() || ExcludedCohorts.Contains(cohort))
        {
            return new DesiredModel(new ModelRef(ModelId, PreviousVersion, Precision), IsRollback: true);
        }

        var variant = VariantByCohort?.GetValueOrDefault(cohort, Precision) ?? Precision;
        return DeviceBucketing.IsExposed(DeploymentId, Seed, deviceId, PercentFor(cohort))
            ? new DesiredModel(new ModelRef(ModelId, TargetVersion, variant), IsRollback: false)
            : new DesiredModel(new ModelRef(ModelId, PreviousVersion, Precision), IsRollback: false);
    }
}

/// <summary>What a device should run; a device outside the rollout's targeting is told to keep what it runs.</summary>
public readonly record struct DesiredModel(ModelRef Model, bool IsRollback, bool IsTargeted = true);

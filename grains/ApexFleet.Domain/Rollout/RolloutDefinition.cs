using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;

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
    PrivacyPolicy? Privacy = null,
    Pareto.VariantSelection? Selection = null,
    RolloutLabels? Labels = null,
    Targeting? Targeting = null,
    Guardrails? Guardrails = null,
    ResourceLimits? Resources = null,
    TimeSpan MonitorWindow = default,
    string? RegistryUrl = null,
    CloudFallback? CloudFallback = null,
    Progression Progression = Progression.PerCohort,
    FinOps.Budget? Budget = null)
{
    public double? PrivacyEpsilon => Privacy?.Epsilon;

    public RolloutLabels Owner => Labels ?? RolloutLabels.None;

    public Guardrails Guards => Guardrails ?? Rollout.Guardrails.None;

    public ModelRef Target => new(ModelId, TargetVersion, Precision);

    /// <summary>The new version as <paramref name="cohort"/> runs it: its chosen variant, else the manifest's precision.</summary>
    public ModelRef TargetFor(string cohort, IReadOnlyDictionary<string, Precision>? variantByCohort) =>
        variantByCohort is not null && variantByCohort.TryGetValue(cohort, out var precision) ? Target with { Precision = precision } : Target;

    /// <summary>The previous version at the manifest's precision: what devices outside the exposed buckets run.</summary>
    public ModelRef Previous => new(ModelId, PreviousVersion, Precision);

    /// <summary>The share of devices exposed in this state: everyone once completed, else the stage's.</summary>
    public double PercentAt(RolloutState state) => state.Phase.ReachesEveryone() ? 100 : Stages[state.StageIndex].Percent;

    /// <summary>The share of each reporting cohort's devices exposed, when cohorts progress on their own; null when one share fits all.</summary>
    public IReadOnlyDictionary<string, double>? PercentByCohort(RolloutState state) =>
        state.Phase.ReachesEveryone() || state.CohortProgress.Count == 0
            ? null
            : state.CohortProgress.ToDictionary(kv => kv.Key, kv => kv.Value.Done ? 100 : Stages[kv.Value.StageIndex].Percent, StringComparer.Ordinal);

    /// <summary>
    /// What keeps watching after 100 %: every gate of the stages on output drift, fairness or crashes,
    /// the last stage's version of each (metric, scope) winning, as one stage lasting the monitoring window.
    /// </summary>
    public RolloutStage MonitoringStage => new(
        "monitoring",
        100,
        MonitorWindow,
        Stages.SelectMany(s => s.Gates)
            .Where(g => GateMetrics.KeepsWatchingAfterCompletion(g.Metric))
            .GroupBy(g => (g.Metric, g.Scope))
            .Select(g => g.Last())
            .ToList());

    /// <summary>
    /// The operator's defaults where the manifest is silent: an inconclusive policy for stages without
    /// one, and the progression when the operator chooses it.
    /// </summary>
    public RolloutDefinition WithDefaults(InconclusivePolicy? fallback, Progression? progression) => this with
    {
        Stages = fallback is null ? Stages : [.. Stages.Select(s => s with { Inconclusive = s.Inconclusive ?? fallback })],
        Progression = progression ?? Progression,
    };

    /// <summary>The download size of a variant: its own when the manifest lists variants, else the model's.</summary>
    public double SizeOf(Precision precision) => Selection?.SizesMb.GetValueOrDefault(precision, ArtifactMegabytes) ?? ArtifactMegabytes;
}

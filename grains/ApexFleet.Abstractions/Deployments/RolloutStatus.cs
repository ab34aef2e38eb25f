using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Deployments;

[GenerateSerializer, Immutable, Alias("apexfleet.cohort-exposure")]
public sealed record CohortExposure(
    [property: Id(0)] string Cohort,
    [property: Id(1)] long Devices,
    [property: Id(2)] long OnTarget,
    [property: Id(3)] long OnPrevious,
    [property: Id(4)] bool RolledBack,
    [property: Id(5)] long NotTargeted = 0);

/// <summary>Where a rollout stands, as the CLI, the HTTP API and the simulator report it.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.rollout-status")]
public sealed record RolloutStatus
{
    [Id(0)] public required string DeploymentId { get; init; }
    [Id(1)] public required RolloutPhase Phase { get; init; }
    [Id(2)] public int StageIndex { get; init; }
    [Id(3)] public string Stage { get; init; } = "";
    [Id(4)] public int StageCount { get; init; }
    [Id(5)] public double Percent { get; init; }
    [Id(6)] public string Model { get; init; } = "";
    [Id(7)] public string TargetVersion { get; init; } = "";
    [Id(8)] public string PreviousVersion { get; init; } = "";
    [Id(9)] public IReadOnlyList<string> ExcludedCohorts { get; init; } = [];
    [Id(10)] public IReadOnlyList<GateOutcome> LastGates { get; init; } = [];
    [Id(11)] public string LastDecision { get; init; } = "";
    [Id(12)] public int AuditEntries { get; init; }
    [Id(13)] public long Epoch { get; init; }
    [Id(14)] public IReadOnlyList<CohortExposure> Cohorts { get; init; } = [];
    [Id(15)] public int HighestStageReached { get; init; }
    /// <summary>The variant each cohort runs at this stage, with the reason, when the manifest asks for a choice.</summary>
    [Id(16)] public IReadOnlyList<Cohorts.VariantChoice> Variants { get; init; } = [];
    /// <summary>Who the rollout belongs to: namespace, app and the manifest's labels (team, cost-center…).</summary>
    [Id(17)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>While <see cref="RolloutPhase.Monitoring"/>: when the late-harm gates stop watching.</summary>
    [Id(18)] public DateTimeOffset? MonitoringUntil { get; init; }
    /// <summary>Per-cohort progression: each reporting cohort's own stage (cohorts not listed are at <see cref="Stage"/>).</summary>
    [Id(19)] public IReadOnlyList<CohortStage> CohortStages { get; init; } = [];
    /// <summary>The cost forecast as each stage was left (the canary's first).</summary>
    [Id(20)] public IReadOnlyList<Cost.ForecastView> StageForecasts { get; init; } = [];

    public bool IsFinal => Phase.IsFinal();
}

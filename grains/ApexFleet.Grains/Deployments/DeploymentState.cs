using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

[GenerateSerializer, Alias("apexfleet.deployment-state")]
public sealed class DeploymentState
{
    [Id(0)] public string? ManifestYaml { get; set; }
    [Id(1)] public string Source { get; set; } = "";
    [Id(2)] public string StartedBy { get; set; } = "";
    [Id(3)] public TimeSpan? EvaluationInterval { get; set; }
    [Id(17)] public RolloutPhase Phase { get; set; }

    [Id(5)] public int StageIndex { get; set; }
    [Id(6)] public DateTimeOffset StageStartedAt { get; set; }
    [Id(7)] public List<string> ExcludedCohorts { get; set; } = [];
    [Id(8)] public long Epoch { get; set; }
    [Id(9)] public int HighestStageReached { get; set; }
    [Id(10)] public List<AuditRecord> Audit { get; set; } = [];
    [Id(11)] public List<GateOutcome> LastGates { get; set; } = [];
    [Id(12)] public string LastDecision { get; set; } = "";
    /// <summary>Which hold was last written to the audit log, so waiting is recorded once, not every tick.</summary>
    [Id(13)] public string? LastAuditedHold { get; set; }
    [Id(14)] public List<VariantPriorInput> Priors { get; set; } = [];
    /// <summary>The precision each cohort runs at the current stage (changes only between stages).</summary>
    [Id(18)] public Dictionary<string, Precision> VariantByCohort { get; set; } = new(StringComparer.Ordinal);
    [Id(16)] public List<VariantChoice> Choices { get; set; } = [];
    /// <summary>A rollout without an evaluation interval: its time at its driver's last evaluation, on the driver's clock.</summary>
    [Id(19)] public DateTimeOffset? DriverRolloutTime { get; set; }
    /// <summary>When (wall clock) that evaluation arrived.</summary>
    [Id(20)] public DateTimeOffset? DriverEvaluatedAt { get; set; }
    /// <summary>When (wall clock) the cluster started judging the rollout because its driver fell silent; null while the driver judges.</summary>
    [Id(21)] public DateTimeOffset? ClusterJudgesSince { get; set; }
    /// <summary>The fleet the manifest was sized for when it started: re-reading it gives the same stages.</summary>
    [Id(22)] public FleetContext? Fleet { get; set; }
    /// <summary>Per-cohort progression: where each cohort that has reported stands.</summary>
    [Id(23)] public List<CohortStage> CohortStages { get; set; } = [];
    /// <summary>The operator's defaults at start (<see cref="StartOptions"/>), applied to the manifest whenever it is read.</summary>
    [Id(24)] public TimeSpan? InconclusiveMaxDuration { get; set; }
    [Id(25)] public InconclusiveAction OnInconclusive { get; set; }
    [Id(26)] public Progression? Progression { get; set; }

    public RolloutDefinition Apply(RolloutDefinition definition) => definition.WithDefaults(
        InconclusiveMaxDuration is { } limit ? new InconclusivePolicy(limit, OnInconclusive) : null, Progression);

    /// <summary>The cost forecast as each stage was left: how the forecast moved as evidence grew.</summary>
    [Id(27)] public List<Abstractions.Cost.ForecastView> StageForecasts { get; set; } = [];

    /// <summary>The cost centre's cap from the FinOps policies at start; null when its centre has none.</summary>
    [Id(28)] public Domain.FinOps.CostCenterCap? CostCenterCap { get; set; }

    /// <summary>The phone-hours the new version has run, as of the last judgement (<see cref="Domain.FinOps.TargetExposure"/>).</summary>
    [Id(29)] public double TargetDeviceHours { get; set; }
    [Id(30)] public DateTimeOffset? TargetExposureCountedAt { get; set; }
    [Id(31)] public double TargetWeightedHours { get; set; }
    [Id(32)] public double TargetOfferedHours { get; set; }

    public Domain.FinOps.TargetExposure TargetExposure
    {
        get => new(TargetDeviceHours, TargetExposureCountedAt, TargetWeightedHours, TargetOfferedHours);
        set => (TargetDeviceHours, TargetExposureCountedAt, TargetWeightedHours, TargetOfferedHours) = (value.DeviceHours, value.CountedAt, value.WeightedHours, value.OfferedHours);
    }

    public RolloutState ToRolloutState() =>
        new(Phase, StageIndex, StageStartedAt, new SortedSet<string>(ExcludedCohorts, StringComparer.Ordinal), Epoch,
            CohortStages.Count == 0 ? null : CohortStages.ToDictionary(c => c.Cohort, c => c.ToProgress(), StringComparer.Ordinal));

    /// <summary>
    /// A rollout's first state: its manifest, who started it with what options, its first stage. The
    /// starter's inconclusive limit wins over the silo's default. Returns the manifest's definition
    /// with those defaults applied.
    /// </summary>
    public RolloutDefinition Begin(RolloutDefinition definition, string manifestYaml, string source, StartOptions options, InconclusivePolicy? silosDefault)
    {
        InconclusiveMaxDuration = options.InconclusiveMaxDuration ?? silosDefault?.MaxDuration;
        OnInconclusive = options.InconclusiveMaxDuration is null && silosDefault is not null ? silosDefault.OnInconclusive : options.OnInconclusive;
        Progression = options.Progression;
        ManifestYaml = manifestYaml;
        Source = source;
        Fleet = options.Fleet;
        StartedBy = options.Actor;
        EvaluationInterval = options.EvaluationInterval;
        Priors = [.. options.Priors ?? []];
        CostCenterCap = options.CostCenterCap;
        Take(RolloutState.Start(options.StartedAt));
        TargetExposure = new(0, options.StartedAt);
        return Apply(definition);
    }

    public void Take(RolloutState state)
    {
        Phase = state.Phase;
        StageIndex = state.StageIndex;
        StageStartedAt = state.StageStartedAt;
        ExcludedCohorts = [.. state.ExcludedCohorts];
        Epoch = state.Epoch;
        CohortStages = [.. state.CohortProgress.Select(kv => CohortStage.From(kv.Key, kv.Value))];
        HighestStageReached = Math.Max(HighestStageReached, state.StageIndex);
    }

    /// <summary>What the rollout says of itself, with where its cohorts stand now.</summary>
    public RolloutStatus ToStatus(string id, RolloutDefinition definition, IReadOnlyList<CohortExposure> cohorts) => new()
    {
        DeploymentId = id,
        Phase = Phase,
        StageIndex = StageIndex,
        Stage = definition.Stages[StageIndex].Name,
        StageCount = definition.Stages.Count,
        Percent = definition.PercentAt(ToRolloutState()),
        Model = definition.ModelId,
        TargetVersion = definition.TargetVersion,
        PreviousVersion = definition.PreviousVersion,
        ExcludedCohorts = [.. ExcludedCohorts],
        LastGates = [.. LastGates],
        LastDecision = LastDecision,
        AuditEntries = Audit.Count,
        Epoch = Epoch,
        Cohorts = cohorts,
        HighestStageReached = HighestStageReached,
        Variants = [.. Choices],
        Labels = definition.Owner.Pairs().ToDictionary(StringComparer.Ordinal),
        MonitoringUntil = Phase == RolloutPhase.Monitoring ? StageStartedAt + definition.MonitorWindow : null,
        CohortStages = [.. CohortStages.Select(c => c.Named(definition))],
        StageForecasts = [.. StageForecasts],
    };
}

using ApexFleet.Abstractions.Deployments;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Grains.Deployments;

public sealed class DeploymentState
{
    public string? ManifestYaml { get; set; }
    public string Source { get; set; } = "";
    public string StartedBy { get; set; } = "";
    public TimeSpan? EvaluationInterval { get; set; }
    public RolloutPhase Phase { get; set; }
    public int StageIndex { get; set; }
    public DateTimeOffset StageStartedAt { get; set; }
    public List<string> ExcludedCohorts { get; set; } = [];
    public long Epoch { get; set; }
    public int HighestStageReached { get; set; }
    public List<AuditRecord> Audit { get; set; } = [];
    public List<GateOutcome> LastGates { get; set; } = [];
    public string LastDecision { get; set; } = "";
    /// <summary>Which hold was last written to the audit log, so waiting is recorded once, not every tick.</summary>
    public string? LastAuditedHold { get; set; }

    public RolloutState ToRolloutState() =>
        new(Phase, StageIndex, StageStartedAt, new SortedSet<string>(ExcludedCohorts, StringComparer.Ordinal), Epoch);

    public void Take(RolloutState state)
    {
        Phase = state.Phase;
        StageIndex = state.StageIndex;
        StageStartedAt = state.StageStartedAt;
        ExcludedCohorts = [.. state.ExcludedCohorts];
        Epoch = state.Epoch;
        HighestStageReached = Math.Max(HighestStageReached, state.StageIndex);
    }
}

namespace ApexFleet.Domain.Rollout;

public enum DecisionKind
{
    Hold = 0,
    Advance = 1,
    Complete = 2,
    RollbackCohorts = 3,
    RollbackDeployment = 4,
    Pause = 5,
    Resume = 6,
    Promote = 7,
    Abort = 8,
}

/// <summary>What the engine decided, the state it leads to, and the numbers behind it.</summary>
public sealed record RolloutDecision(
    DecisionKind Kind,
    RolloutState Next,
    string Reason,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<string> CohortsRolledBack)
{
    public bool ChangesState(RolloutState before) => Next.Epoch != before.Epoch;
}

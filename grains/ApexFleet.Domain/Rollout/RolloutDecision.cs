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
    /// <summary>The last stage passed: everyone runs the new version and the monitoring window starts.</summary>
    Monitor = 9,
}

/// <summary>What the engine decided, the state it leads to, and the numbers behind it.</summary>
public sealed record RolloutDecision(
    DecisionKind Kind,
    RolloutState Next,
    string Reason,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<string> CohortsRolledBack,
    HoldCause Cause = HoldCause.None,
    IReadOnlyList<string>? CohortsAdvanced = null)
{
    public bool ChangesState(RolloutState before) => Next.Epoch != before.Epoch;

    /// <summary>Whether the rollout moves on to a later stage (not back): the one moment variants may change.</summary>
    public bool EntersLaterStage(RolloutState before) => Next.StageIndex > before.StageIndex && !Next.Phase.RevertsEverything();

    /// <summary>
    /// Which kind of wait this hold is, so the audit log records each wait once per stage, not every
    /// tick: waiting on an inconclusive gate is the same wait while the bake window runs out.
    /// </summary>
    public HoldCause WaitingOn => Cause == HoldCause.InconclusiveLimit ? Cause : Gates.Any(g => g.Verdict == GateVerdict.Inconclusive) ? HoldCause.Evidence : Cause;
}

/// <summary>Why a rollout holds rather than moves.</summary>
public enum HoldCause
{
    None = 0,
    /// <summary>Paused or finished: nothing to judge.</summary>
    NotProgressing = 1,
    /// <summary>The stage's bake window has not elapsed.</summary>
    Baking = 2,
    /// <summary>A gate has too few samples, or an interval still straddles its threshold.</summary>
    Evidence = 3,
    /// <summary>A manual action that makes no sense in the current phase.</summary>
    Refused = 4,
    /// <summary>Gates wait for a first report on the new version.</summary>
    AwaitingReports = 5,
    /// <summary>Everyone runs the new version; late-harm gates watch until the window ends.</summary>
    Monitoring = 6,
    /// <summary>A gate stayed inconclusive past its stage's maximum duration and its policy says hold.</summary>
    InconclusiveLimit = 7,
    /// <summary>Every gate passed, but the cost forecast exceeds the manifest's budget.</summary>
    OverBudget = 8,
}

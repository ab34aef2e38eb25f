namespace ApexFleet.Domain.Rollout;

/// <summary>What to do with a cohort whose gate stays inconclusive past <see cref="InconclusivePolicy.MaxDuration"/>.</summary>
public enum InconclusiveAction
{
    /// <summary>Keep waiting, but say so once in the audit log: someone should look.</summary>
    Hold = 0,
    /// <summary>Pause the whole rollout until a person resumes, promotes or aborts it.</summary>
    Pause = 1,
    /// <summary>Treat the undecided gate as failed: roll its scope back (a cohort, or everyone for a fleet gate).</summary>
    Rollback = 2,
}

/// <summary>
/// How long a stage may wait for a gate to decide (Argo Rollouts' inconclusive limit, in time rather
/// than in runs [R115]). Counted from when the cohort entered the stage, bake window included.
/// </summary>
public sealed record InconclusivePolicy(TimeSpan MaxDuration, InconclusiveAction OnInconclusive)
{
    /// <summary>No limit: inconclusive gates hold for as long as it takes (the behaviour before policies).</summary>
    public static readonly InconclusivePolicy Unlimited = new(TimeSpan.MaxValue, InconclusiveAction.Hold);

    public bool IsDue(DateTimeOffset enteredStage, DateTimeOffset now) =>
        MaxDuration != TimeSpan.MaxValue && now - enteredStage >= MaxDuration;
}

namespace ApexFleet.Domain.Rollout;

/// <summary>How cohorts move through the stages.</summary>
public enum Progression
{
    /// <summary>
    /// Each cohort advances on its own evidence: a cohort whose gate is undecided holds only itself.
    /// Fleet-scoped gates of a cohort's stage must still pass before it leaves the stage.
    /// </summary>
    PerCohort = 0,
    /// <summary>
    /// Every cohort moves together, when every gate of every cohort passes. Better when cohorts are
    /// small or share a dependency (a server, a shared model cache), so one cohort's evidence speaks
    /// for all, or when the release must reach everyone at the same moment (a protocol change).
    /// </summary>
    Lockstep = 1,
}

/// <summary>Where one cohort is in a per-cohort rollout; <see cref="Done"/> once it passed the last stage.</summary>
public sealed record CohortProgress(int StageIndex, DateTimeOffset StageStartedAt, bool Done = false);

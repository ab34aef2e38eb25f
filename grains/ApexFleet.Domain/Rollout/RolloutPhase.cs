namespace ApexFleet.Domain.Rollout;

public enum RolloutPhase
{
    Progressing = 0,
    Paused = 1,
    Completed = 2,
    /// <summary>A fleet-wide gate failed, or every cohort was rolled back: all devices go back.</summary>
    RolledBack = 3,
    /// <summary>A person stopped the rollout: all devices go back.</summary>
    Aborted = 4,
    /// <summary>No manifest has been started under this deployment id.</summary>
    NotStarted = 5,
    /// <summary>
    /// Everyone runs the new version, and the drift, fairness and crash gates keep watching for the
    /// manifest's monitoring window: a late failure still rolls everything back.
    /// </summary>
    Monitoring = 6,
}

public static class RolloutPhases
{
    public static bool IsFinal(this RolloutPhase phase) =>
        phase is RolloutPhase.Completed or RolloutPhase.RolledBack or RolloutPhase.Aborted;

    /// <summary>Whether every device is meant to run the new version (its cohort not rolled back).</summary>
    public static bool ReachesEveryone(this RolloutPhase phase) =>
        phase is RolloutPhase.Completed or RolloutPhase.Monitoring;

    /// <summary>Whether devices should run the previous version whatever their bucket.</summary>
    public static bool RevertsEverything(this RolloutPhase phase) =>
        phase is RolloutPhase.RolledBack or RolloutPhase.Aborted;
}

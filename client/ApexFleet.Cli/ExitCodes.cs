namespace ApexFleet.Cli;

/// <summary>What the command's exit status means, so scripts and CI can act on it.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The rollout was rolled back or aborted (the simulated release is not safe to ship).</summary>
    public const int RolloutFailed = 1;
    /// <summary>`pareto`: no candidate meets every constraint, so there is nothing to choose.</summary>
    public const int NothingFeasible = 1;
    /// <summary>`policy test`, `validate --policies`: an admission rule denied a manifest.</summary>
    public const int Denied = 1;
    /// <summary>`loadtest`: some report was refused by its device or failed on the way (the table says which kinds).</summary>
    public const int LoadErrors = 1;
    /// <summary>Bad input: a manifest, scenario or option is wrong; nothing was changed.</summary>
    public const int BadInput = 2;
    /// <summary>The simulated time ran out before the rollout reached a final decision.</summary>
    public const int Unfinished = 3;
    /// <summary>A database or cluster could not be reached.</summary>
    public const int Unavailable = 4;
    /// <summary>
    /// `simulate --connection`: the simulator lost the cluster in the middle of the run (a silo, the
    /// database or the network went away). Its rollout, if started, stays there and the cluster judges it.
    /// </summary>
    public const int ClusterLost = 5;
}

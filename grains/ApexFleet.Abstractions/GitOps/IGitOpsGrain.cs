namespace ApexFleet.Abstractions.GitOps;

/// <summary>
/// The fleet's reconciler (one grain, key 0): follows a git branch and makes the rollouts match its
/// manifests. Orleans keeps one activation in the cluster; every silo's keeper wakes it, so when its
/// silo dies another takes over from the stored state.
/// </summary>
public interface IGitOpsGrain : IGrainWithIntegerKey
{
    /// <summary>Follows <paramref name="source"/> from now on (stored); the same source again changes nothing.</summary>
    Task<GitOpsStatus> Follow(GitOpsSource source);

    /// <summary>Makes sure the reconciler is active and looking at its branch on its interval.</summary>
    Task Wake();

    /// <summary>Reads the branch and reconciles now, rather than at the next interval.</summary>
    Task<GitOpsStatus> ReconcileNow();

    Task<GitOpsStatus> GetStatus();
}

namespace ApexFleet.Abstractions.GitOps;

[GenerateSerializer]
public enum SyncState
{
    /// <summary>The fleet runs what the manifest asks for, and its rollout has finished.</summary>
    Synced = 0,
    /// <summary>The manifest is applied and its rollout is still moving through its stages.</summary>
    Progressing = 1,
    /// <summary>The branch asks for something the fleet has not been given yet (it is retried).</summary>
    OutOfSync = 2,
    /// <summary>A policy refused it; what ran before keeps running.</summary>
    Denied = 3,
    /// <summary>The manifest cannot be read (file:line:column); what ran before keeps running.</summary>
    Invalid = 4,
    /// <summary>Applying it failed, or its rollout was rolled back by its gates.</summary>
    Failed = 5,
}

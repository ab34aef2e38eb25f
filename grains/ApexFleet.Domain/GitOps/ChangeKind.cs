namespace ApexFleet.Domain.GitOps;

/// <summary>What the reconciler does for one manifest name to make the fleet match the branch.</summary>
public enum ChangeKind
{
    /// <summary>The fleet already has this text.</summary>
    Keep = 0,
    /// <summary>A new manifest: a new rollout.</summary>
    Start = 1,
    /// <summary>Same model and versions, other stages, gates or targeting: a revision of the running rollout.</summary>
    Revise = 2,
    /// <summary>A new model version: a new rollout that supersedes the running one.</summary>
    Replace = 3,
    /// <summary>The branch wants back the version the running rollout replaces (a revert): abort it, devices return.</summary>
    Rollback = 4,
    /// <summary>The manifest is gone: abort its rollout, devices return to the previous version.</summary>
    Abort = 5,
}

public sealed record PlannedChange(string Name, ChangeKind Kind, DesiredManifest? Desired, AppliedManifest? Applied, string Why);

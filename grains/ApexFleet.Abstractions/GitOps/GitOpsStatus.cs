namespace ApexFleet.Abstractions.GitOps;

/// <summary>What the reconciler follows, the commit it last read, and every manifest's state.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.gitops-status")]
public sealed record GitOpsStatus
{
    [Id(0)] public GitOpsSource? Source { get; init; }
    [Id(1)] public string CommitSha { get; init; } = "";
    [Id(2)] public string Author { get; init; } = "";
    [Id(3)] public string Message { get; init; } = "";
    [Id(4)] public DateTimeOffset? ReconciledAt { get; init; }
    /// <summary>The silo that reconciles (one at a time; another takes over when it dies).</summary>
    [Id(5)] public string Owner { get; init; } = "";
    /// <summary>Why the last look at the repository failed (unreachable, no such branch); empty when it worked.</summary>
    [Id(6)] public string LastError { get; init; } = "";
    [Id(7)] public IReadOnlyList<ManifestSyncStatus> Manifests { get; init; } = [];
    [Id(8)] public IReadOnlyList<CohortDrift> Drift { get; init; } = [];
}

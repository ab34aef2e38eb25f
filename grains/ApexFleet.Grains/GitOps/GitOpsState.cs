using ApexFleet.Abstractions.GitOps;

namespace ApexFleet.Grains.GitOps;

[GenerateSerializer, Alias("apexfleet.gitops-state")]
public sealed class GitOpsState
{
    [Id(0)] public GitOpsSource? Source { get; set; }
    [Id(1)] public string CommitSha { get; set; } = "";
    [Id(2)] public string Author { get; set; } = "";
    [Id(3)] public string Message { get; set; } = "";
    [Id(4)] public DateTimeOffset? ReconciledAt { get; set; }
    [Id(5)] public string LastError { get; set; } = "";
    /// <summary>By manifest name: what the fleet was given.</summary>
    [Id(6)] public Dictionary<string, AppliedRecord> Applied { get; set; } = new(StringComparer.Ordinal);
    [Id(7)] public List<ManifestSyncStatus> Manifests { get; set; } = [];
    [Id(8)] public List<CohortDrift> Drift { get; set; } = [];
}

/// <summary>One manifest name as applied: the deployment rolling it out, its generation (for the next one's id) and the text.</summary>
[GenerateSerializer, Alias("apexfleet.gitops-applied")]
public sealed class AppliedRecord
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string Path { get; set; } = "";
    [Id(2)] public string DeploymentId { get; set; } = "";
    [Id(3)] public int Generation { get; set; }
    [Id(4)] public string Yaml { get; set; } = "";
}

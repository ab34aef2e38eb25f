namespace ApexFleet.Abstractions.GitOps;

/// <summary>One manifest of the followed branch: where the fleet stands on it, why, and the commit it reflects.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.manifest-sync-status")]
public sealed record ManifestSyncStatus(
    [property: Id(0)] string Path,
    [property: Id(1)] string Name,
    [property: Id(2)] SyncState State,
    [property: Id(3)] IReadOnlyList<string> Messages,
    [property: Id(4)] string CommitSha,
    [property: Id(5)] string Author,
    [property: Id(6)] string DeploymentId);

namespace ApexFleet.Abstractions.GitOps;

/// <summary>The branch the fleet follows: a local path, a file:// or an HTTP(S) URL, the branch, the manifests' folder, how often to look.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.gitops-source")]
public sealed record GitOpsSource(
    [property: Id(0)] string Repository,
    [property: Id(1)] string Branch,
    [property: Id(2)] string Path,
    [property: Id(3)] TimeSpan Interval);

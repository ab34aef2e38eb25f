using ApexFleet.Abstractions.GitOps;

namespace ApexFleet.Grains.GitOps;

public sealed class GitOpsOptions
{
    /// <summary>The branch a silo started with <c>--gitops-repo</c> makes the fleet follow; null: whatever was asked with <c>apexfleet gitops</c>.</summary>
    public GitOpsSource? Source { get; set; }

    /// <summary>How often each silo's keeper wakes the reconciler (and so how soon it moves after its silo died).</summary>
    public TimeSpan KeeperInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where each silo keeps its bare copies of followed repositories.</summary>
    public string CacheDirectory { get; set; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apexfleet-gitops");
}

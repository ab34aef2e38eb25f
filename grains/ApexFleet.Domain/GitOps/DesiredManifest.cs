using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.GitOps;

/// <summary>One manifest file of a commit, read and judged: what the branch asks for at <see cref="Path"/>.</summary>
/// <param name="Cap">The cost centre's cap the policies put on it, which the rollout is held to as it runs.</param>
public sealed record DesiredManifest(string Path, string Yaml, ManifestOutcome Outcome, RolloutDefinition? Definition, IReadOnlyList<string> Messages, FinOps.CostCenterCap? Cap = null)
{
    public string? Name => Definition?.Name;
}

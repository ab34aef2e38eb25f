using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.GitOps;

/// <summary>One manifest file of a commit, read and judged: what the branch asks for at <see cref="Path"/>.</summary>
public sealed record DesiredManifest(string Path, string Yaml, ManifestOutcome Outcome, RolloutDefinition? Definition, IReadOnlyList<string> Messages)
{
    public string? Name => Definition?.Name;
}

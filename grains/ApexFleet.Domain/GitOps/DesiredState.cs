using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;

namespace ApexFleet.Domain.GitOps;

/// <summary>
/// Reads what a commit asks for: every manifest under the followed path, each parsed (either format,
/// through <see cref="DeploymentManifest.Parse"/>) and judged by the repository's policies. One bad
/// file never hides the others.
/// </summary>
public static class DesiredState
{
    public const string PoliciesFolder = "policies/";
    public const string RegistryFile = "registry/models.yaml";

    /// <param name="prices">What the cost centres' caps are checked with at admission: the silo's cost model.</param>
    public static IReadOnlyList<DesiredManifest> Read(RepositorySnapshot commit, string manifestPath, CostModel? prices = null)
    {
        var folder = Folder(manifestPath);
        PolicyBundle? policies = null;
        string? policyProblem = null;
        try
        {
            policies = PolicyBundle.Load(
                commit.Files.Where(f => f.Key.StartsWith(PoliciesFolder, StringComparison.Ordinal) && IsYaml(f.Key)).Select(f => (f.Key, f.Value)),
                commit.Files.TryGetValue(RegistryFile, out var registry) ? (RegistryFile, registry) : null);
        }
        catch (PolicyInputException ex)
        {
            // Broken policies admit nothing new; what already runs keeps running.
            policyProblem = $"policies cannot be read: {ex.Message}";
        }

        return [.. commit.Files
            .Where(f => f.Key.StartsWith(folder, StringComparison.Ordinal) && IsYaml(f.Key))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => Judge(f.Key, f.Value, policies, policyProblem, prices ?? CostModel.Default))];
    }

    public static string Folder(string manifestPath)
    {
        var trimmed = manifestPath.Trim().Trim('/');
        return trimmed.Length == 0 || trimmed == "." ? "" : trimmed + "/";
    }

    public static bool IsYaml(string path) => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);

    private static DesiredManifest Judge(string path, string yaml, PolicyBundle? policies, string? policyProblem, CostModel prices)
    {
        Rollout.RolloutDefinition definition;
        try
        {
            definition = DeploymentManifest.Parse(path, yaml);
        }
        catch (ManifestException ex)
        {
            return new(path, yaml, ManifestOutcome.Invalid, null, [.. ex.Errors.Select(e => e.ToString())]);
        }

        if (policies is null)
        {
            return new(path, yaml, ManifestOutcome.Denied, definition, [policyProblem ?? "no policies"]);
        }

        try
        {
            var request = AdmissionRequest.FromManifest(path, yaml, definition.ModelId, definition.TargetVersion);
            var review = PolicyEvaluator.Evaluate(policies, request, definition, Rollout.FleetContext.Default, prices);
            return review.Admitted
                ? new(path, yaml, ManifestOutcome.Valid, definition, [], CostCenterCap.For(policies.CostCenters, definition.Owner))
                : new(path, yaml, ManifestOutcome.Denied, definition, [.. review.Denials.Select(d => d.ToString())]);
        }
        catch (PolicyInputException ex)
        {
            return new(path, yaml, ManifestOutcome.Invalid, definition, [ex.Message]);
        }
    }
}

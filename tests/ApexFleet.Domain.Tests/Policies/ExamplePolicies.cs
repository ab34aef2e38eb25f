using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Policies;

/// <summary>The policies, bindings, FinOps limits and registry of examples/gitops, as the reconciler reads them.</summary>
internal static class ExamplePolicies
{
    public static string Root { get; } = Path.Combine(RepoRoot(), "examples", "gitops");

    public static PolicyBundle Load() => PolicyBundle.Load(
        Directory.GetFiles(Path.Combine(Root, "policies"), "*.yaml").Select(f => ($"policies/{Path.GetFileName(f)}", File.ReadAllText(f))),
        ("registry/models.yaml", File.ReadAllText(Path.Combine(Root, "registry", "models.yaml"))));

    /// <summary>Every example is a valid manifest of its format (the parser throws otherwise), judged as the reconciler judges it.</summary>
    public static AdmissionReview Judge(string testManifest)
    {
        var text = File.ReadAllText(Path.Combine(Root, "policy-tests", testManifest + ".yaml"));
        var definition = DeploymentManifest.Parse(testManifest, text);
        var request = AdmissionRequest.FromManifest(testManifest, text, definition.ModelId, definition.TargetVersion);
        return PolicyEvaluator.Evaluate(Load(), request, definition, FleetContext.Default, CostModel.Default);
    }

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "ApexFleet.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("ApexFleet.sln not found above the test binaries");
        }

        return dir;
    }
}

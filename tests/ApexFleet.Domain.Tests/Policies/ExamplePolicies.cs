using ApexFleet.Domain.Policies;

namespace ApexFleet.Domain.Tests.Policies;

/// <summary>The policies, bindings, FinOps limits and registry of examples/gitops, as the reconciler reads them.</summary>
internal static class ExamplePolicies
{
    public static string Root { get; } = Path.Combine(RepoRoot(), "examples", "gitops");

    public static PolicyBundle Load() => PolicyBundle.Load(
        Directory.GetFiles(Path.Combine(Root, "policies"), "*.yaml").Select(f => ($"policies/{Path.GetFileName(f)}", File.ReadAllText(f))),
        ("registry/models.yaml", File.ReadAllText(Path.Combine(Root, "registry", "models.yaml"))));

    public static AdmissionReview Judge(string testManifest)
    {
        var path = Path.Combine(Root, "policy-tests", testManifest + ".yaml");
        return PolicyEvaluator.Evaluate(Load(), AdmissionRequest.FromManifest(testManifest, File.ReadAllText(path)));
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

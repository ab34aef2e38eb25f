using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Manifests;

/// <summary><c>spec.budget</c> reads the same in both manifest formats, and a wrong one names its field.</summary>
public class ManifestBudgetTests
{
    private const string Ours = """
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: classifier-2 }
        spec:
          model: { id: classifier, version: "2.0.0", previousVersion: "1.0.0", precision: INT8, sizeMB: 3.4 }
          budget: BUDGET
          stages:
            - { name: everyone, percent: 100 }
        """;

    private const string OnDevice = """
        apiVersion: mobileai.apexlogic.com/v1
        kind: OnDeviceModelDeployment
        metadata: { name: recommender, annotations: { "apexfleet.io/previous-version": "1.0.0" } }
        spec:
          modelId: recommender
          modelVersion: "2.0.0"
          budget: BUDGET
          deploymentStrategy: { type: Canary, percentage: 5 }
        """;

    private static RolloutDefinition Parse(string manifest, string budget) =>
        DeploymentManifest.Parse("m.yaml", manifest.Replace("BUDGET", budget, StringComparison.Ordinal), FleetContext.Default);

    [Theory]
    [InlineData(Ours)]
    [InlineData(OnDevice)]
    public void Both_formats_carry_a_rollout_and_a_monthly_budget(string manifest)
    {
        Assert.Equal(new Budget(250, 1200.5), Parse(manifest, "{ rolloutUSD: 250, monthlyUSD: 1200.5 }").Budget);
        Assert.Equal(new Budget(null, 40), Parse(manifest, "{ monthlyUSD: 40 }").Budget);
        Assert.Null(Parse(manifest.Replace("  budget: BUDGET\n", "", StringComparison.Ordinal), "").Budget);
    }

    [Theory]
    [InlineData("{ rolloutUSD: -1 }", "spec.budget.rolloutUSD")]
    [InlineData("{ rolloutUSD: cheap }", "spec.budget.rolloutUSD")]
    [InlineData("{ yearlyUSD: 5 }", "spec.budget.yearlyUSD")]
    [InlineData("{ }", "spec.budget")]
    public void A_wrong_budget_names_its_field_in_both_formats(string budget, string field)
    {
        foreach (var manifest in new[] { Ours, OnDevice })
        {
            var ex = Assert.Throws<ManifestException>(() => Parse(manifest, budget));
            Assert.Contains(ex.Errors, e => e.Source == "m.yaml" && e.Field == field && e.Line > 0);
        }
    }
}

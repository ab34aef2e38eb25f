using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostAttributionTests
{
    private static RolloutLabels Owner(string team, string? costCenter) => new(
        "production", "shop",
        costCenter is null ? new Dictionary<string, string> { ["team"] = team } : new Dictionary<string, string> { ["team"] = team, ["cost-center"] = costCenter });

    [Fact]
    public void Spend_is_grouped_by_label_with_unlabelled_rollouts_under_none()
    {
        // Each canary: egress 130.9e6 B × 0.10 / 1e9 = 0.01309 USD; fall-backs 800 × 0.0005 = 0.40 USD.
        var rollouts = new[]
        {
            Canary(Owner("vision", "cc-1")),
            Canary(Owner("vision", null)) with { Deployment = "other" },
            Canary(Owner("search", "cc-1")) with { Deployment = "third" },
        };

        var byTeam = CostAttribution.By(CostDimension.Team, CostAttribution.Priced(rollouts, Prices));
        var byCentre = CostAttribution.By(CostDimension.CostCenter, CostAttribution.Priced(rollouts, Prices));

        Assert.Equal(["vision", "search"], byTeam.Select(r => r.Key));
        Assert.Equal(2 * 0.41309, byTeam[0].Cost.OperatorUsd, 12);
        Assert.Equal(1600, byTeam[0].CloudFallbacks);
        Assert.Equal(["cc-1", CostAttribution.Unlabelled], byCentre.Select(r => r.Key));
        Assert.Equal(0.41309, byCentre[1].Cost.OperatorUsd, 12);
    }

    [Fact]
    public void Spend_is_grouped_by_cohort_and_variant_of_the_lines()
    {
        var byCohort = CostAttribution.By(CostDimension.Cohort, CostAttribution.Priced([Canary()], Prices));
        var byVariant = CostAttribution.By(CostDimension.Variant, CostAttribution.Priced([Canary()], Prices));

        // b: 600 × 0.0005 + 68e6 B × 1e-10 = 0.3068; a: 200 × 0.0005 + 62.9e6 B × 1e-10 = 0.10629.
        Assert.Equal(["b", "a"], byCohort.Select(r => r.Key));
        Assert.Equal(0.3068, byCohort[0].Cost.OperatorUsd, 12);
        Assert.Equal(0.10629, byCohort[1].Cost.OperatorUsd, 12);
        Assert.Equal("INT8", Assert.Single(byVariant).Key);
    }
}

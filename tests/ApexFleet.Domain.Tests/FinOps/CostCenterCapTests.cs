using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Policies;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Tests.Policies;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class CostCenterCapTests
{
    private const string Caps = """
        apiVersion: apexfleet.io/v1
        kind: FinOpsLimits
        costCenters:
          cc-1: { rolloutUSD: 0.20, monthlyUSD: 100 }
          cc-2: { monthlyUSD: 5 }
        """;

    private static readonly CostForecast Forecast =
        CostForecaster.Forecast(RolloutFixtures.TwoStages(), Canary(), Reach, Sizing, Prices, default, AtCanaryStart)!;

    private static RolloutDefinition Labelled(string centre) => RolloutFixtures.TwoStages() with
    {
        Labels = new RolloutLabels("retail", null, new Dictionary<string, string> { [CostCenterCap.Label] = centre }),
    };

    [Fact]
    public void A_rollout_takes_its_labelled_cost_centres_cap_and_only_that()
    {
        var bundle = PolicyBundle.Load([("policies/caps.yaml", Caps)], null);

        Assert.Equal(new CostCenterCap("cc-1", new Budget(0.20, 100), "policies/caps.yaml"), CostCenterCap.For(bundle.CostCenters, Labelled("cc-1").Owner));
        Assert.Equal(new Budget(null, 5), CostCenterCap.For(bundle.CostCenters, Labelled("cc-2").Owner)?.Cap);
        Assert.Null(CostCenterCap.For(bundle.CostCenters, Labelled("cc-3").Owner));
        Assert.Null(CostCenterCap.For(bundle.CostCenters, RolloutLabels.None));
    }

    [Fact]
    public void A_forecast_over_the_centres_cap_holds_the_advance_with_both_numbers_even_without_a_manifest_budget()
    {
        var before = RolloutState.Start(RolloutFixtures.T0);
        var advance = RolloutEngine.ForcePromote(RolloutFixtures.TwoStages(), before, RolloutFixtures.T0) with { Kind = DecisionKind.Advance };
        var cap = new CostCenterCap("cc-1", new Budget(0.60, null), "policies/caps.yaml");

        var decision = BudgetGuard.Apply(advance, before, null, Forecast, cap);

        Assert.Equal((DecisionKind.Hold, HoldCause.OverBudget), (decision.Kind, decision.Cause));
        Assert.StartsWith("over budget, holding: rollout forecast 0.61 USD (95 % ", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("exceeds cost-center 'cc-1' cap rolloutUSD (policies/caps.yaml) 0.60 (", decision.Reason, StringComparison.Ordinal);
        // The tighter of the manifest's budget and the cap binds: a generous budget does not lift the cap.
        Assert.Equal(HoldCause.OverBudget, BudgetGuard.Apply(advance, before, new Budget(1000, 1000), Forecast, cap).Cause);
        Assert.Same(advance, BudgetGuard.Apply(advance, before, null, Forecast, cap with { Cap = new Budget(0.62, null) }));
    }

    [Fact]
    public void Admission_denies_a_manifest_whose_least_cost_already_breaks_its_centres_cap()
    {
        // 1,000 phones × 3.4e6 B × 0.25 = 0.85 GB × 0.10 USD = 0.085 USD of deltas, at least.
        var definition = Labelled("cc-1");
        var cap = new CostCenterCap("cc-1", new Budget(0.08, null), "policies/caps.yaml");

        Assert.Equal(
            "the least this rollout can cost, 0.09 USD (1000 phones × a 0.25 delta of the smallest variant at 0.1 USD/GB egress), " +
            "is above cost-center 'cc-1' cap rolloutUSD (policies/caps.yaml) 0.08",
            cap.Denial(definition, Sizing, Prices));
        Assert.Null((cap with { Cap = new Budget(0.09, null) }).Denial(definition, Sizing, Prices));
    }

    [Fact]
    public void The_shipped_cost_centre_caps_admit_a_small_model_and_deny_a_large_one_with_the_numbers()
    {
        var admitted = ExamplePolicies.Judge("finops-cost-center-admitted");
        var denied = ExamplePolicies.Judge("finops-cost-center-denied");

        Assert.True(admitted.Admitted, string.Join("; ", admitted.Denials));
        Assert.Equal("cost-center-cap:cc-ads-emea", admitted.Verdicts[^1].Rule);
        var denial = Assert.Single(denied.Denials);
        Assert.Equal(("cost-center-cap:cc-ads-emea", "policies/finops-cost-centers.yaml"), (denial.Rule, denial.RuleSource));
        // 100,000 phones × 40e6 B × 0.3 = 1,200 GB × 0.085 USD = 102 USD, above the 60 USD cap.
        Assert.Equal(
            "the least this rollout can cost, 102.00 USD (100000 phones × a 0.3 delta of the smallest variant at 0.085 USD/GB egress), " +
            "is above cost-center 'cc-ads-emea' cap rolloutUSD (policies/finops-cost-centers.yaml) 60.00",
            denial.Message);
    }

    [Theory]
    [InlineData("costCenters: [a, b]", 3, 14, "costCenters must be a mapping")]
    [InlineData("costCenters:\n  cc-1: { rolloutUSD: -1 }", 4, 23, "costCenters.cc-1.rolloutUSD must be a number of USD of at least 0 (got '-1')")]
    [InlineData("costCenters:\n  cc-1: { rolloutUSD: lots }", 4, 23, "costCenters.cc-1.rolloutUSD must be a number of USD of at least 0")]
    [InlineData("costCenters:\n  cc-1: { yearlyUSD: 3 }", 4, 11, "costCenters.cc-1: unknown field 'yearlyUSD'; known: rolloutUSD, monthlyUSD")]
    [InlineData("costCenters:\n  cc-1: 5", 4, 9, "costCenters.cc-1 must be a mapping with rolloutUSD and/or monthlyUSD")]
    public void A_broken_cap_is_refused_with_its_file_line_and_column(string caps, int line, int column, string message)
    {
        var ex = Assert.Throws<PolicyInputException>(() => PolicyBundle.Load([("policies/caps.yaml", "apiVersion: apexfleet.io/v1\nkind: FinOpsLimits\n" + caps)], null));

        Assert.Contains($"policies/caps.yaml:{line}:{column}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_centre_capped_in_two_files_is_refused()
    {
        var ex = Assert.Throws<PolicyInputException>(() => PolicyBundle.Load(
            [("policies/a.yaml", Caps), ("policies/b.yaml", "kind: FinOpsLimits\ncostCenters:\n  cc-2: { rolloutUSD: 1 }\n")], null));

        Assert.Contains("policies/b.yaml:3:3: cost centre 'cc-2' is capped twice (also in policies/a.yaml)", ex.Message, StringComparison.Ordinal);
    }
}

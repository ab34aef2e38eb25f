using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Tests.Rollout;
using static ApexFleet.Domain.Tests.FinOps.CostFixtures;

namespace ApexFleet.Domain.Tests.FinOps;

public class BudgetTests
{
    private static readonly CostForecast Forecast =
        CostForecaster.Forecast(RolloutFixtures.TwoStages(), Canary(), Reach, Sizing, Prices, default, AtCanaryStart)!;

    private static RolloutDecision Advance(RolloutState before) =>
        RolloutEngine.ForcePromote(RolloutFixtures.TwoStages(), before, RolloutFixtures.T0) with { Kind = DecisionKind.Advance };

    [Fact]
    public void An_advance_whose_forecast_exceeds_the_budget_holds_where_it_is_with_both_numbers()
    {
        var before = RolloutState.Start(RolloutFixtures.T0);

        var decision = BudgetGuard.Apply(Advance(before), before, new Budget(0.60, null), Forecast);

        Assert.Equal((DecisionKind.Hold, HoldCause.OverBudget), (decision.Kind, decision.Cause));
        Assert.Same(before, decision.Next);
        Assert.Equal(HoldCause.OverBudget, decision.WaitingOn);
        Assert.StartsWith("over budget, holding: rollout forecast 0.61 USD (95 % ", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("exceeds budget.rolloutUSD 0.60", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forecast_within_budget_or_no_budget_lets_the_advance_through()
    {
        var before = RolloutState.Start(RolloutFixtures.T0);
        var advance = Advance(before);

        Assert.Same(advance, BudgetGuard.Apply(advance, before, new Budget(0.62, 110), Forecast));
        Assert.Same(advance, BudgetGuard.Apply(advance, before, null, Forecast));
        Assert.Same(advance, BudgetGuard.Apply(advance, before, new Budget(0.01, null), null));
    }

    [Fact]
    public void The_monthly_run_rate_is_held_to_its_own_budget()
    {
        // Monthly forecast 109.500068 USD against 100.
        Assert.Contains("monthly forecast 109.50 USD", BudgetGuard.Excess(new Budget(null, 100), Forecast), StringComparison.Ordinal);
        Assert.Null(BudgetGuard.Excess(new Budget(null, 110), Forecast));
    }

    [Fact]
    public void A_rollback_is_never_held_for_money()
    {
        var before = RolloutState.Start(RolloutFixtures.T0);
        var abort = RolloutEngine.Abort(before);

        Assert.Same(abort, BudgetGuard.Apply(abort, before, new Budget(0, 0), Forecast));
    }

    [Fact]
    public void Admission_denies_a_budget_below_a_delta_of_the_smallest_variant_to_every_phone()
    {
        // 1,000 phones × 3.4e6 B × 0.25 = 850e6 B = 0.85 GB × 0.10 = 0.085 USD.
        var definition = RolloutFixtures.TwoStages();

        Assert.Equal(0.085, AdmissionEstimate.RolloutUsd(definition, Sizing, Prices), 12);
        Assert.Null(AdmissionEstimate.Denial(definition with { Budget = new Budget(0.09, null) }, Sizing, Prices));
        Assert.Null(AdmissionEstimate.Denial(definition, Sizing, Prices));
        var denial = AdmissionEstimate.Denial(definition with { Budget = new Budget(0.08, null) }, Sizing, Prices);
        Assert.StartsWith("budget.rolloutUSD 0.08 is below the least this rollout can cost: ", denial, StringComparison.Ordinal);
        Assert.Contains("(1000 phones × a 0.25 delta of the smallest variant at 0.1 USD/GB egress)", denial, StringComparison.Ordinal);
    }
}

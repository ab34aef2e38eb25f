using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// Keeps a rollout whose forecast exceeds its budget, or its cost centre's cap, where it is: an
/// advance to a wider stage becomes a hold, with the forecast and the limit in its reason (and so in
/// the audit). Rollbacks, holds and the last stage's completion pass untouched: they spend nothing
/// new on more phones.
/// </summary>
public static class BudgetGuard
{
    public static RolloutDecision Apply(RolloutDecision decision, RolloutState before, Budget? budget, CostForecast? forecast, CostCenterCap? cap = null) =>
        decision.Kind == DecisionKind.Advance && Excess(budget, forecast, cap) is { } why
            ? new RolloutDecision(DecisionKind.Hold, before, why, decision.Gates, [], HoldCause.OverBudget)
            : decision;

    /// <summary>Why the forecast breaks the budget or the cap (the numbers of both); null when it fits or there is nothing to hold it to.</summary>
    public static string? Excess(Budget? budget, CostForecast? forecast, CostCenterCap? cap = null)
    {
        if (forecast is null)
        {
            return null;
        }

        var over = new List<string>();
        Check(budget?.RolloutUsd, forecast.RolloutUsd, "rollout", "budget.rolloutUSD");
        Check(budget?.MonthlyUsd, forecast.MonthlyUsd, "monthly", "budget.monthlyUSD");
        Check(cap?.Cap.RolloutUsd, forecast.RolloutUsd, "rollout", cap?.Describe("rolloutUSD"));
        Check(cap?.Cap.MonthlyUsd, forecast.MonthlyUsd, "monthly", cap?.Describe("monthlyUSD"));
        return over.Count == 0 ? null : $"over budget, holding: {string.Join("; ", over)} ({forecast.Describe()})";

        void Check(double? limit, Estimate forecasted, string what, string? name)
        {
            if (limit is { } l && forecasted.Value > l)
            {
                over.Add($"{what} forecast {forecasted} exceeds {name} {l:0.00}");
            }
        }
    }
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// Keeps a rollout whose forecast exceeds its budget where it is: an advance to a wider stage becomes
/// a hold, with the forecast and the budget in its reason (and so in the audit). Rollbacks, holds and
/// the last stage's completion pass untouched: they spend nothing new on more phones.
/// </summary>
public static class BudgetGuard
{
    public static RolloutDecision Apply(RolloutDecision decision, RolloutState before, Budget? budget, CostForecast? forecast) =>
        decision.Kind == DecisionKind.Advance && Excess(budget, forecast) is { } why
            ? new RolloutDecision(DecisionKind.Hold, before, why, decision.Gates, [], HoldCause.OverBudget)
            : decision;

    /// <summary>Why the forecast breaks the budget (the numbers of both); null when it fits or either is missing.</summary>
    public static string? Excess(Budget? budget, CostForecast? forecast)
    {
        if (budget is null || forecast is null)
        {
            return null;
        }

        var over = new List<string>();
        if (budget.RolloutUsd is { } rollout && forecast.RolloutUsd.Value > rollout)
        {
            over.Add($"rollout forecast {forecast.RolloutUsd} exceeds budget.rolloutUSD {rollout:0.00}");
        }

        if (budget.MonthlyUsd is { } monthly && forecast.MonthlyUsd.Value > monthly)
        {
            over.Add($"monthly forecast {forecast.MonthlyUsd} exceeds budget.monthlyUSD {monthly:0.00}");
        }

        return over.Count == 0 ? null : $"over budget, holding: {string.Join("; ", over)} ({forecast.Describe()})";
    }
}

using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cost;

/// <summary>One rollout's spend line by line, its totals, the forecast now and at each stage it left, and its budget.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.rollout-cost")]
public sealed record RolloutCost
{
    [Id(0)] public required string DeploymentId { get; init; }
    [Id(1)] public string Model { get; init; } = "";
    [Id(2)] public RolloutPhase Phase { get; init; }
    [Id(3)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    [Id(4)] public IReadOnlyList<SpendLine> Lines { get; init; } = [];
    [Id(5)] public double EgressUsd { get; init; }
    [Id(6)] public double FallbackUsd { get; init; }
    [Id(7)] public double EnergyUsd { get; init; }
    [Id(8)] public ForecastView? Forecast { get; init; }
    [Id(9)] public IReadOnlyList<ForecastView> StageForecasts { get; init; } = [];
    [Id(10)] public double? BudgetRolloutUsd { get; init; }
    [Id(11)] public double? BudgetMonthlyUsd { get; init; }
    /// <summary>Why the forecast breaks the budget, when it does.</summary>
    [Id(12)] public string? OverBudget { get; init; }
    /// <summary>What the new version alone spent: egress of its installs, fall-backs while it ran.</summary>
    [Id(13)] public double TargetEgressUsd { get; init; }
    [Id(14)] public double TargetFallbackUsd { get; init; }
    [Id(15)] public long TargetInferences { get; init; }

    public double OperatorUsd => EgressUsd + FallbackUsd;

    /// <summary>The domain's view, for showback: who it belongs to and what each line spent.</summary>
    public RolloutSpend ToSpend()
    {
        var labels = Labels.Where(l => l.Key is not ("namespace" or "app")).ToDictionary(StringComparer.Ordinal);
        var owner = new RolloutLabels(Labels.GetValueOrDefault("namespace"), Labels.GetValueOrDefault("app"), labels);
        return new RolloutSpend(DeploymentId, Model, owner, [.. Lines.Select(l => l.ToDomain())]);
    }
}

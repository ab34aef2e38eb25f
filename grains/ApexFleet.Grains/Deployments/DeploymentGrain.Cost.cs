using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Cost;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Deployments;

/// <summary>
/// What the rollout spent and will spend: read from its cohorts' per-variant evidence (never from
/// devices), priced by the silo's cost model, forecast for the whole fleet, and held to its budget.
/// </summary>
public sealed partial class DeploymentGrain
{
    private CostModel Prices => ServiceProvider.GetRequiredService<IOptions<FleetGrainOptions>>().Value.Cost;

    private FleetContext Sizing => State.Fleet ?? FleetContext.Default;

    public async Task<RolloutCost> GetCost()
    {
        if (_definition is not { } definition)
        {
            return new RolloutCost { DeploymentId = Id, Phase = RolloutPhase.NotStarted };
        }

        var (spend, reach) = await ReadSpendAsync(definition);
        var prices = Prices;
        var forecast = CostForecaster.Forecast(definition, spend, reach, Sizing, prices, State.TargetExposure, new RolloutPosition(State.ToRolloutState(), _judgedAt ?? WallNow, [.. State.LastGates.Select(g => g.Shortfall())]));
        var total = spend.Total(prices);
        var target = spend.OnTarget(prices);
        return new RolloutCost
        {
            DeploymentId = Id,
            Model = definition.ModelId,
            Phase = State.Phase,
            Labels = definition.Owner.Pairs().ToDictionary(StringComparer.Ordinal),
            Lines = [.. spend.Lines.Select(l => SpendLine.From(l, prices))],
            EgressUsd = total.EgressUsd,
            FallbackUsd = total.FallbackUsd,
            EnergyUsd = total.EnergyUsd,
            TargetEgressUsd = target.EgressUsd,
            TargetFallbackUsd = target.FallbackUsd,
            TargetInferences = spend.Lines.Where(l => l.Role == SpendRole.Target).Sum(l => l.Inferences),
            Forecast = forecast is null ? null : ForecastView.From(forecast, State.StageIndex, definition.Stages[State.StageIndex].Name, _judgedAt ?? WallNow),
            StageForecasts = [.. State.StageForecasts],
            BudgetRolloutUsd = definition.Budget?.RolloutUsd,
            BudgetMonthlyUsd = definition.Budget?.MonthlyUsd,
            OverBudget = BudgetGuard.Excess(definition.Budget, forecast, State.CostCenterCap),
        };
    }

    /// <summary>
    /// An advance holds while the forecast breaks the budget; every stage left keeps the forecast it
    /// was left with, so status shows how the forecast moved stage by stage.
    /// </summary>
    private async Task<RolloutDecision> WithinBudgetAsync(RolloutDefinition definition, RolloutState before, RolloutDecision decision, DateTimeOffset now)
    {
        if (decision.Kind is not (DecisionKind.Advance or DecisionKind.Monitor or DecisionKind.Complete))
        {
            return decision;
        }

        var (spend, reach) = await ReadSpendAsync(definition);
        var forecast = CostForecaster.Forecast(definition, spend, reach, Sizing, Prices, State.TargetExposure, new RolloutPosition(before, now, [.. decision.Gates.Select(GateSamples.Of)]));
        var judged = BudgetGuard.Apply(decision, before, definition.Budget, forecast, State.CostCenterCap);
        if (forecast is not null && judged.Kind != DecisionKind.Hold)
        {
            State.StageForecasts.Add(ForecastView.From(forecast, before.StageIndex, definition.Stages[before.StageIndex].Name, now));
        }

        return judged;
    }

    /// <summary>The phones running either version in each cohort this rollout still reaches: what its stages' shares are of.</summary>
    private Dictionary<string, double> Running(Dictionary<string, VariantMetrics> target, Dictionary<string, VariantMetrics> baseline) =>
        target.Keys.Union(baseline.Keys).Where(c => !State.ExcludedCohorts.Contains(c)).ToDictionary(
            c => c,
            c => (double)(target.GetValueOrDefault(c)?.InstalledDevices ?? 0) + (baseline.GetValueOrDefault(c)?.InstalledDevices ?? 0),
            StringComparer.Ordinal);

    /// <summary>Every cohort's spend on each variant of the new version and on the previous version, under this rollout.</summary>
    private async Task<(RolloutSpend Spend, FleetReach Reach)> ReadSpendAsync(RolloutDefinition definition)
    {
        var cohorts = await GrainFactory.GetGrain<IFleetDirectoryGrain>(0).GetCohorts();
        var variants = definition.Selection is { } selection && selection.SizesMb.Count > 0
            ? [.. selection.SizesMb.Keys]
            : new[] { definition.Precision };
        var reads = cohorts.Order(StringComparer.Ordinal).Select(async name =>
        {
            var cohort = GrainFactory.GetGrain<ICohortGrain>(name);
            var lines = new List<CostLine>();
            foreach (var variant in variants)
            {
                var measured = await cohort.GetEvidence(Id, (definition.Target with { Precision = variant }).Key);
                lines.Add(CostLine.From(name, variant, SpendRole.Target, measured.Counters, measured.InstalledDevices));
            }

            var previous = await cohort.GetEvidence(Id, definition.Previous.Key);
            lines.Add(CostLine.From(name, definition.Precision, SpendRole.Previous, previous.Counters, 0));
            var snapshot = await cohort.GetSnapshot();
            return (Name: name, Lines: lines, snapshot.Devices, NotTargeted: snapshot.NotTargetedBy(Id), Excluded: State.ExcludedCohorts.Contains(name));
        });
        var results = await Task.WhenAll(reads);
        var spend = new RolloutSpend(Id, definition.ModelId, definition.Owner, [.. results.SelectMany(r => r.Lines).Where(l => !l.IsEmpty)]);
        var reach = new FleetReach(
            Sizing.Devices,
            results.Sum(r => r.Devices),
            results.Sum(r => r.NotTargeted),
            results.Where(r => r.Excluded).Sum(r => r.Devices - r.NotTargeted),
            results.ToDictionary(r => r.Name, r => r.Excluded ? 0 : r.Devices - r.NotTargeted, StringComparer.Ordinal));
        return (spend, reach);
    }
}

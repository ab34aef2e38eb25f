using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Fleet;
using ApexFleet.Domain.FinOps;

namespace ApexFleet.Abstractions.Cost;

/// <summary>Showback of a fleet: every rollout's spend grouped by one dimension, and each rollout's own cost and forecast.</summary>
public sealed record CostShowback(string By, IReadOnlyList<CostRow> Rows, CostBreakdown Total, IReadOnlyList<RolloutCost> Rollouts)
{
    /// <summary>Asks every deployment the fleet knows for its cost; the lines come priced by the silo's cost model.</summary>
    public static async Task<CostShowback> GatherAsync(IGrainFactory grains, CostDimension by)
    {
        var ids = await grains.GetGrain<IFleetDirectoryGrain>(0).GetDeployments();
        var costs = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(id => grains.GetGrain<IDeploymentGrain>(id).GetCost()));
        return Of(by, costs);
    }

    public static CostShowback Of(CostDimension by, IReadOnlyList<RolloutCost> costs)
    {
        var lines = costs.SelectMany(c =>
        {
            var spend = c.ToSpend();
            return c.Lines.Select(l => new PricedLine(spend, l.ToDomain(), new CostBreakdown(l.EgressUsd, l.FallbackUsd, l.EnergyUsd)));
        }).ToList();
        var name = CostAttribution.ByName.Single(n => n.Value == by).Key;
        return new CostShowback(name, CostAttribution.By(by, lines), CostBreakdown.Sum(lines.Select(l => l.Cost)), costs);
    }
}

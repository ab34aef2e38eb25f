using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>Everything one rollout spent, line by line, with who it belongs to.</summary>
public sealed record RolloutSpend(string Deployment, string ModelId, RolloutLabels Owner, IReadOnlyList<CostLine> Lines)
{
    public CostBreakdown Total(CostModel model) => CostBreakdown.Sum(Lines.Select(l => l.Price(model)));

    /// <summary>What the rollout's new version spent: egress of every install of it, fall-backs and energy while it ran.</summary>
    public CostBreakdown OnTarget(CostModel model) => CostBreakdown.Sum(Lines.Where(l => l.Role == SpendRole.Target).Select(l => l.Price(model)));
}

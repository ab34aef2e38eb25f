namespace ApexFleet.Domain.FinOps;

/// <summary>Money spent, by kind: CDN egress and cloud fall-backs (ours), energy (the phone owner's).</summary>
public readonly record struct CostBreakdown(double EgressUsd, double FallbackUsd, double EnergyUsd)
{
    /// <summary>What the operator pays: egress and fall-backs; energy is the user's and shown beside it.</summary>
    public double OperatorUsd => EgressUsd + FallbackUsd;

    public static CostBreakdown operator +(CostBreakdown a, CostBreakdown b) =>
        new(a.EgressUsd + b.EgressUsd, a.FallbackUsd + b.FallbackUsd, a.EnergyUsd + b.EnergyUsd);

    public static CostBreakdown Sum(IEnumerable<CostBreakdown> parts) => parts.Aggregate(default(CostBreakdown), (a, b) => a + b);
}

namespace ApexFleet.Domain.FinOps;

/// <summary>What showback groups spend by: a rollout's labels, its model, or where on the fleet it was spent.</summary>
public enum CostDimension
{
    Team = 0,
    CostCenter = 1,
    Namespace = 2,
    Model = 3,
    Cohort = 4,
    Variant = 5,
}

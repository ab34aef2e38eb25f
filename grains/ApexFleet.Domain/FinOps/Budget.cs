namespace ApexFleet.Domain.FinOps;

/// <summary>What a manifest allows a rollout to cost: once (egress and fall-backs until everyone runs it), and per month after.</summary>
public sealed record Budget(double? RolloutUsd, double? MonthlyUsd)
{
    public bool IsEmpty => RolloutUsd is null && MonthlyUsd is null;
}

namespace ApexFleet.Domain.FinOps;

/// <summary>Which version a line of spend is on: the rollout's new one, or the previous one (failed installs, rollbacks).</summary>
public enum SpendRole
{
    Target = 0,
    Previous = 1,
}

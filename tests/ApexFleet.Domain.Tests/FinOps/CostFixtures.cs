using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.FinOps;

/// <summary>Round prices and a small measured canary, so every expected cost can be worked out by hand.</summary>
internal static class CostFixtures
{
    /// <summary>0.10 USD/GB egress, 0.50 USD per 1,000 fall-backs, 0.02 USD/GB-month, 0.20 USD/kWh, deltas a quarter of the full size.</summary>
    public static readonly CostModel Prices = new(0.10, 0.50, 0.02, 0.20, 0.25);

    public const double Int8Bytes = 3.4e6;

    /// <summary>
    /// Cohort a: 10 full and 30 delta installs of INT8 (plus one failed full download, counted on the
    /// previous version), 10,000 inferences of which 200 fell back. Cohort b: 20 full installs, 600 of
    /// 10,000 fell back.
    /// </summary>
    public static RolloutSpend Canary(RolloutLabels? owner = null) => new("classifier-2", "classifier", owner ?? RolloutLabels.None,
    [
        new CostLine("a", Precision.Int8, SpendRole.Target, (long)(10 * Int8Bytes), (long)(30 * Int8Bytes * 0.25), 200, 10_000, 0, 40, 41, 1),
        new CostLine("a", Precision.Int8, SpendRole.Previous, (long)Int8Bytes, 0, 0, 0, 0, 0, 0),
        new CostLine("b", Precision.Int8, SpendRole.Target, (long)(20 * Int8Bytes), 0, 600, 10_000, 0, 20, 20),
    ]);

    /// <summary>1,000 phones, 100 not targeted: 600 reachable in a, 300 in b.</summary>
    public static readonly FleetReach Reach = new(1000, 1000, 100, 0, new Dictionary<string, long> { ["a"] = 600, ["b"] = 300 });

    public static readonly FleetContext Sizing = new(1000, 10);

    public static readonly DateTimeOffset At = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>The first stage, just started.</summary>
    public static readonly RolloutPosition AtCanaryStart = RolloutPosition.Starting(At);
}

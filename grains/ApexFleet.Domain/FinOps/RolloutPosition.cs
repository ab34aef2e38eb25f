using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>Where a rollout stands when its cost is forecast: its state, the time, and how short its gates last were of samples.</summary>
public sealed record RolloutPosition(RolloutState State, DateTimeOffset Now, IReadOnlyList<GateSamples> Gates)
{
    /// <summary>A rollout that has just started its first stage.</summary>
    public static RolloutPosition Starting(DateTimeOffset at) => new(RolloutState.Start(at), at, []);
}

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// One step of a rollout: expose <see cref="Percent"/> of the fleet to the new version, let it bake
/// for <see cref="BakeWindow"/>, and move on only when every gate passes. <see cref="Inconclusive"/>
/// bounds how long a gate may stay undecided (gates may override it); null waits without limit.
/// </summary>
public sealed record RolloutStage(string Name, double Percent, TimeSpan BakeWindow, IReadOnlyList<GateSpec> Gates, InconclusivePolicy? Inconclusive = null)
{
    /// <summary>The policy that applies to <paramref name="gate"/> in this stage: its own, else the stage's.</summary>
    public InconclusivePolicy PolicyFor(GateSpec gate) => gate.Inconclusive ?? Inconclusive ?? InconclusivePolicy.Unlimited;
}

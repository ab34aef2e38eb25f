namespace ApexFleet.Domain.Rollout;

/// <summary>
/// One step of a rollout: expose <see cref="Percent"/> of the fleet to the new version, let it bake
/// for <see cref="BakeWindow"/>, and move on only when every gate passes.
/// </summary>
public sealed record RolloutStage(string Name, double Percent, TimeSpan BakeWindow, IReadOnlyList<GateSpec> Gates);

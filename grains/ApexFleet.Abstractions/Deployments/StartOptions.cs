namespace ApexFleet.Abstractions.Deployments;

/// <summary>How a deployment is driven.</summary>
/// <param name="EvaluationInterval">
/// How often the grain judges its gates on its own clock; null when a driver (the simulator)
/// calls <see cref="IDeploymentGrain.Evaluate"/> with its simulated time instead.
/// </param>
/// <param name="StartedAt">When the rollout starts, on the driver's clock.</param>
/// <param name="Actor">Who started it, for the audit log.</param>
/// <param name="Supersedes">The unfinished rollout of the same model this one replaces; it ends when this one starts.</param>
/// <param name="Fleet">What the manifest's default stages are sized from, and the version the fleet runs now (null: the defaults).</param>
/// <param name="InconclusiveMaxDuration">
/// The operator's inconclusive limit for stages whose manifest sets none (with <paramref name="OnInconclusive"/>);
/// null: such stages wait without limit.
/// </param>
/// <param name="Progression">Overrides the manifest's progression (per cohort or lock-step); null keeps it.</param>
/// <param name="CostCenterCap">The cap the FinOps policies put on the manifest's cost centre; it holds the rollout beside the manifest's own budget.</param>
[GenerateSerializer, Immutable, Alias("apexfleet.start-options")]
public sealed record StartOptions(
    [property: Id(0)] TimeSpan? EvaluationInterval,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] string Actor,
    [property: Id(3)] IReadOnlyList<VariantPriorInput>? Priors = null,
    [property: Id(4)] string? Supersedes = null,
    [property: Id(5)] Domain.Rollout.FleetContext? Fleet = null,
    [property: Id(6)] TimeSpan? InconclusiveMaxDuration = null,
    [property: Id(7)] Domain.Rollout.InconclusiveAction OnInconclusive = Domain.Rollout.InconclusiveAction.Hold,
    [property: Id(8)] Domain.Rollout.Progression? Progression = null,
    [property: Id(9)] Domain.FinOps.CostCenterCap? CostCenterCap = null);

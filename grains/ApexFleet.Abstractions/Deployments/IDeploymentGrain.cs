namespace ApexFleet.Abstractions.Deployments;

/// <summary>One rollout of one manifest. Keyed by deployment id (the manifest's name).</summary>
public interface IDeploymentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the rollout from a manifest's YAML text. Invalid manifests are refused with every error
    /// (file, line, field) and leave no state behind. Starting the same manifest again is a no-op.
    /// </summary>
    Task<RolloutStatus> Start(string manifestYaml, string source, StartOptions options);

    /// <summary>
    /// Takes new stages, gates or targeting for the same model and versions while keeping where the
    /// rollout stands (stage, excluded cohorts, audit); audited with what changed and <paramref name="why"/>.
    /// Another model or version is not a revision: start a new rollout that supersedes this one.
    /// </summary>
    Task<RolloutStatus> Revise(string manifestYaml, string source, string actor, string why);

    /// <summary>Judges the current stage's gates as of <paramref name="now"/> and acts on the verdict.</summary>
    Task<RolloutStatus> Evaluate(DateTimeOffset now);

    Task<RolloutStatus> Pause(string actor);

    Task<RolloutStatus> Resume(string actor);

    Task<RolloutStatus> Promote(string actor);

    Task<RolloutStatus> Abort(string actor);

    /// <summary>Ends this rollout because <paramref name="by"/> took its model over (it named this one as superseded).</summary>
    Task Superseded(string by, string actor);

    /// <summary>
    /// Audits drift the reconciler saw on this rollout's model (devices on a version no manifest
    /// wants, found or moved back); the rollout's own assignment is what directs them back.
    /// </summary>
    Task RecordDrift(string actor, string what);

    Task<RolloutStatus> GetStatus();

    Task<IReadOnlyList<AuditRecord>> GetAudit();

    /// <summary>What the rollout spent per cohort and variant, its forecast for the whole fleet, and its budget.</summary>
    Task<Cost.RolloutCost> GetCost();

    /// <summary>
    /// The driver of a rollout without an evaluation interval says it is still there between two
    /// <see cref="Evaluate"/> calls (a tick on a large fleet can take minutes). When neither arrives
    /// for the silo's grace period, the cluster judges the rollout itself until the driver is back.
    /// </summary>
    Task DriverHeartbeat();
}

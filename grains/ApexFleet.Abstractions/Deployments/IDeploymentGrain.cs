namespace ApexFleet.Abstractions.Deployments;

/// <summary>One rollout of one manifest. Keyed by deployment id (the manifest's name).</summary>
public interface IDeploymentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the rollout from a manifest's YAML text. Invalid manifests are refused with every error
    /// (file, line, field) and leave no state behind. Starting the same manifest again is a no-op.
    /// </summary>
    Task<RolloutStatus> Start(string manifestYaml, string source, StartOptions options);

    /// <summary>Judges the current stage's gates as of <paramref name="now"/> and acts on the verdict.</summary>
    Task<RolloutStatus> Evaluate(DateTimeOffset now);

    Task<RolloutStatus> Pause(string actor);

    Task<RolloutStatus> Resume(string actor);

    Task<RolloutStatus> Promote(string actor);

    Task<RolloutStatus> Abort(string actor);

    /// <summary>Ends this rollout because <paramref name="by"/> took its model over (it named this one as superseded).</summary>
    Task Superseded(string by, string actor);

    Task<RolloutStatus> GetStatus();

    Task<IReadOnlyList<AuditRecord>> GetAudit();
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.GitOps;

/// <summary>
/// What the fleet was last given for one manifest name: the text, and the deployment rolling it out
/// (after a rollback, the aborted deployment whose previous version the text asks for).
/// </summary>
public sealed record AppliedManifest(string Name, string Path, string DeploymentId, int Generation, string Yaml, RolloutDefinition Definition, bool DeploymentFinished);

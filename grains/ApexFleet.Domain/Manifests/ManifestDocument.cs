using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Manifests;

/// <summary>The two manifest formats the fleet accepts.</summary>
public enum ManifestFormat
{
    /// <summary><c>apiVersion: apexfleet.io/v1</c>, <c>kind: Deployment</c>: explicit stages and gates.</summary>
    ApexFleet = 0,

    /// <summary><c>apiVersion: mobileai.apexlogic.com/v1</c>, <c>kind: OnDeviceModelDeployment</c>: a strategy and thresholds; stages from <see cref="DefaultProgression"/>.</summary>
    OnDevice = 1,
}

/// <summary>
/// One document of a manifest file as read: its definition when valid, else its errors; and, for
/// <c>validate --explain</c>, the format and where the previous version came from.
/// </summary>
public sealed record ManifestDocument(int Number, ManifestFormat? Format, RolloutDefinition? Definition, string? PreviousVersionFrom, IReadOnlyList<ManifestError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Definition is not null;
}

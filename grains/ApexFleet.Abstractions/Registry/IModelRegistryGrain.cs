using ApexFleet.Domain.Fleet;

namespace ApexFleet.Abstractions.Registry;

/// <summary>
/// One model's versions and variants, keyed by model id. Checks every push's signature against the
/// silo's trusted keys and keeps versions immutable; the bytes live in the artifact store, not here.
/// </summary>
public interface IModelRegistryGrain : IGrainWithStringKey
{
    Task<RegisterOutcome> Register(SignedArtifact artifact);

    Task<RegisteredArtifact> RecordDelta(string version, Precision variant, ArtifactDelta delta);

    [Orleans.Concurrency.ReadOnly]
    Task<RegisteredArtifact?> Find(string version, Precision variant);

    /// <summary>Every version and variant, in the order they arrived.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<RegisteredArtifact>> GetArtifacts();
}

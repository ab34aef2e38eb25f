using ApexFleet.Abstractions.Registry;

namespace ApexFleet.Grains.Registry;

[GenerateSerializer, Alias("apexfleet.model-registry-state")]
public sealed class ModelRegistryState
{
    /// <summary>Every version and variant in arrival order.</summary>
    [Id(0)] public List<RegisteredArtifact> Artifacts { get; set; } = [];
}

[GenerateSerializer, Alias("apexfleet.model-catalog-state")]
public sealed class ModelCatalogState
{
    [Id(0)] public SortedSet<string> Models { get; set; } = new(StringComparer.Ordinal);
}

namespace ApexFleet.Abstractions.Registry;

/// <summary>The ids of every model in the registry (key 0), for listing.</summary>
public interface IModelCatalogGrain : IGrainWithIntegerKey
{
    Task Add(string modelId);

    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>> GetModels();
}

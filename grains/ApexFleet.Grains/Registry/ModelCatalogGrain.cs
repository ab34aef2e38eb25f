using ApexFleet.Abstractions.Registry;

namespace ApexFleet.Grains.Registry;

public sealed class ModelCatalogGrain(
    [PersistentState(FleetStorage.ModelCatalogState, FleetStorage.ProviderName)] IPersistentState<ModelCatalogState> state)
    : Grain, IModelCatalogGrain
{
    public async Task Add(string modelId)
    {
        if (state.State.Models.Add(modelId))
        {
            await state.WriteCountedAsync(this, "model-catalog");
        }
    }

    public Task<IReadOnlyList<string>> GetModels() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Models]);
}

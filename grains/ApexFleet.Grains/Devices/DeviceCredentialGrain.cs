using ApexFleet.Abstractions.Devices;

namespace ApexFleet.Grains.Devices;

public sealed class DeviceCredentialGrain(
    [PersistentState(FleetStorage.DeviceCredentialState, FleetStorage.ProviderName)] IPersistentState<DeviceCredentialState> state) : Grain, IDeviceCredentialGrain
{
    public async Task<bool> Store(byte[] hash, bool replace)
    {
        if (state.State.Hash is not null && !replace)
        {
            return false;
        }

        state.State.Hash = hash;
        state.State.IssuedAt = DateTimeOffset.UtcNow;
        // Written before the device is told its secret: a credential it holds is never one the silo lost.
        await state.WriteStateAsync();
        return true;
    }

    public Task<byte[]?> GetHash() => Task.FromResult(state.State.Hash);
}

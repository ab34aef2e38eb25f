using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Security;

namespace ApexFleet.Silo.Security;

/// <summary>
/// Issues a device's credential: the secret goes to the device once, only its hash is kept. What an
/// enrolment endpoint calls; the device then sends it as <c>Authorization: Device ...</c>.
/// </summary>
public sealed class DeviceCredentials(IGrainFactory grains)
{
    /// <summary>A new credential for <paramref name="deviceId"/>; null when it has one and <paramref name="replace"/> is false.</summary>
    public async Task<DeviceSecret?> IssueAsync(string deviceId, bool replace)
    {
        var issued = DeviceSecret.Generate(deviceId);
        return await grains.GetGrain<IDeviceCredentialGrain>(deviceId).Store(issued.Hash(), replace) ? issued : null;
    }
}

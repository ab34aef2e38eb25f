namespace ApexFleet.Abstractions.Devices;

/// <summary>What a device sends to enrol over HTTP: the arguments of <see cref="IDeviceGrain.Enroll"/> as one JSON body.</summary>
public sealed record DeviceEnrolment(DeviceProfile Profile, ModelSlot? Installed);

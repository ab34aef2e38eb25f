namespace ApexFleet.Abstractions.Devices;

/// <summary>One phone, virtual or real. Keyed by device id.</summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Records what the device is and which model it runs now; idempotent.</summary>
    Task Enroll(DeviceProfile profile, ModelSlot? installed);

    /// <summary>Takes one telemetry report and answers with what the device should run.</summary>
    Task<DeviceDirective> Report(TelemetryReport report);

    Task<DeviceSnapshot> GetSnapshot();
}

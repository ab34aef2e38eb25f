namespace ApexFleet.Abstractions.Devices;

/// <summary>One phone, virtual or real. Keyed by device id.</summary>
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Records what the device is and which model it runs now; idempotent.</summary>
    Task Enroll(DeviceProfile profile, ModelSlot? installed);

    /// <summary>Takes one telemetry report and answers with what the device should run.</summary>
    /// <remarks>
    /// A ValueTask: the hot path of the fleet. Awaited directly, its pooled completion source goes
    /// back to the thread that took it; wrapped in a Task it is returned on the completing thread,
    /// and Orleans' per-thread pools grow without bound when calls are made on one thread and
    /// completed on another.
    /// </remarks>
    ValueTask<DeviceDirective> Report(TelemetryReport report);

    /// <summary>What the device should run now, without a report (a device that just enrolled or came back); NotEnrolled until it enrols.</summary>
    Task<DeviceDirective> GetDirective();

    Task<DeviceSnapshot> GetSnapshot();
}

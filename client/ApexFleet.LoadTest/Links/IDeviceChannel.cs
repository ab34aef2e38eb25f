using ApexFleet.Abstractions.Devices;

namespace ApexFleet.LoadTest.Links;

/// <summary>One virtual device's way to the fleet, over whichever connection it was given.</summary>
public interface IDeviceChannel
{
    Task EnrolAsync(DeviceProfile profile, ModelSlot? installed);

    ValueTask<DeviceDirective> ReportAsync(TelemetryReport report);
}

using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Tests.Devices;

/// <summary>A phone enrolled on V1 and its readings, as the device tests build them.</summary>
internal static class DeviceFixtures
{
    public static readonly ModelRef V1 = new("m", "1.0.0", Precision.Int8);
    public static readonly ModelRef V2 = new("m", "2.0.0", Precision.Int8);

    public static Device Enrolled()
    {
        var device = new Device();
        device.Enroll("sd-8", "north", V1);
        return device;
    }

    public static DeviceReading Reading(long sequence, ModelRef? running = null, InstallStep? install = null, TelemetryCounters counters = default, params float[] latencies) =>
        new(sequence, running ?? V1, install, counters, latencies, []);
}

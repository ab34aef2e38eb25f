using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Telemetry;

/// <summary>One report of a device as the domain sees it: what ran, how an install went, and what was measured.</summary>
public readonly record struct DeviceReading(
    long Sequence,
    ModelRef? Running,
    InstallStep? Install,
    TelemetryCounters Counters,
    float[] LatenciesMs,
    int[] OutputHistogram,
    DateTimeOffset At = default);

/// <summary>Progress of an install the device was told to make.</summary>
public readonly record struct InstallStep(ModelRef Model, InstallState State, string? Reason);

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Wire;

/// <summary>Lets the domain's <see cref="FleetContext"/> travel with a start request and stay with the rollout, so every re-read of its manifest sizes the same stages.</summary>
[GenerateSerializer, Alias("apexfleet.fleet-context")]
public struct FleetContextSurrogate
{
    [Id(0)] public long Devices;
    [Id(1)] public double InferencesPerDevicePerHour;
    [Id(2)] public string? RunningVersion;
    [Id(3)] public double[]? UsageByHour;
}

[RegisterConverter]
public sealed class FleetContextSurrogateConverter : IConverter<FleetContext, FleetContextSurrogate>
{
    public FleetContext ConvertFromSurrogate(in FleetContextSurrogate surrogate) =>
        new(surrogate.Devices, surrogate.InferencesPerDevicePerHour, surrogate.RunningVersion, surrogate.UsageByHour is { } usage ? UsageCycle.Of(usage) : null);

    public FleetContextSurrogate ConvertToSurrogate(in FleetContext value) => new()
    {
        Devices = value.Devices,
        InferencesPerDevicePerHour = value.InferencesPerDevicePerHour,
        RunningVersion = value.RunningVersion,
        UsageByHour = value.Usage is { } usage ? [.. usage.ByHour] : null,
    };
}

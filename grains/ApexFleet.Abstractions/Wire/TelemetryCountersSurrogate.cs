using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Abstractions.Wire;

/// <summary>Counters travel and are stored as their slots in order; see <see cref="TelemetryCounters.FromArray"/>.</summary>
[GenerateSerializer, Alias("apexfleet.telemetry-counters")]
public struct TelemetryCountersSurrogate
{
    [Id(0)] public long[] Values;
}

[RegisterConverter]
public sealed class TelemetryCountersConverter : IConverter<TelemetryCounters, TelemetryCountersSurrogate>
{
    public TelemetryCounters ConvertFromSurrogate(in TelemetryCountersSurrogate surrogate) => TelemetryCounters.FromArray(surrogate.Values ?? []);

    public TelemetryCountersSurrogate ConvertToSurrogate(in TelemetryCounters value) => new() { Values = value.ToArray() };
}

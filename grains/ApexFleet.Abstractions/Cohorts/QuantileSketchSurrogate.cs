using ApexFleet.Domain.Statistics;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>Lets the domain's <see cref="QuantileSketch"/> travel and be stored without the domain knowing Orleans.</summary>
[GenerateSerializer, Alias("apexfleet.quantile-sketch")]
public struct QuantileSketchSurrogate
{
    [Id(0)] public int[] Keys;
    [Id(1)] public long[] Counts;
    [Id(2)] public long ZeroCount;
}

[RegisterConverter]
public sealed class QuantileSketchSurrogateConverter : IConverter<QuantileSketch, QuantileSketchSurrogate>
{
    public QuantileSketch ConvertFromSurrogate(in QuantileSketchSurrogate surrogate) =>
        new() { Keys = surrogate.Keys ?? [], Counts = surrogate.Counts ?? [], ZeroCount = surrogate.ZeroCount };

    public QuantileSketchSurrogate ConvertToSurrogate(in QuantileSketch value) =>
        new() { Keys = [.. value.Keys], Counts = [.. value.Counts], ZeroCount = value.ZeroCount };
}

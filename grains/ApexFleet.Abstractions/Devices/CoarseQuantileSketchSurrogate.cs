using ApexFleet.Domain.Statistics;

namespace ApexFleet.Abstractions.Devices;

/// <summary>Lets a device's <see cref="CoarseQuantileSketch"/> be stored without the domain knowing Orleans.</summary>
[GenerateSerializer, Alias("apexfleet.coarse-quantile-sketch")]
public struct CoarseQuantileSketchSurrogate
{
    [Id(0)] public int Offset;
    [Id(1)] public int[] Counts;
    [Id(2)] public long ZeroCount;
}

[RegisterConverter]
public sealed class CoarseQuantileSketchSurrogateConverter : IConverter<CoarseQuantileSketch, CoarseQuantileSketchSurrogate>
{
    public CoarseQuantileSketch ConvertFromSurrogate(in CoarseQuantileSketchSurrogate surrogate) =>
        new() { Offset = surrogate.Offset, Counts = surrogate.Counts ?? [], ZeroCount = surrogate.ZeroCount };

    public CoarseQuantileSketchSurrogate ConvertToSurrogate(in CoarseQuantileSketch value) =>
        new() { Offset = value.Offset, Counts = [.. value.Counts], ZeroCount = value.ZeroCount };
}

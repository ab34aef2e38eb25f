using ApexFleet.Domain.FinOps;

namespace ApexFleet.Abstractions.Cost;

/// <summary>A forecast value and its 95 % interval.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.estimate")]
public sealed record EstimateView(
    [property: Id(0)] double Value,
    [property: Id(1)] double Low,
    [property: Id(2)] double High)
{
    public static EstimateView From(Estimate e) => new(e.Value, e.Low, e.High);

    public override string ToString() => $"{Value:0.00} ({Low:0.00}–{High:0.00})";
}

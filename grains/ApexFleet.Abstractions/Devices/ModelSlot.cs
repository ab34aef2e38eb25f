using ApexFleet.Domain.Fleet;

namespace ApexFleet.Abstractions.Devices;

/// <summary>A model artifact as it travels: id, version and precision.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.model-slot")]
public sealed record ModelSlot(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] int PrecisionCode)
{
    public Precision Precision => (Precision)PrecisionCode;

    public ModelRef ToRef() => new(ModelId, Version, Precision);

    public static ModelSlot From(ModelRef model) => new(model.ModelId, model.Version, (int)model.Precision);

    public override string ToString() => ToRef().Key;
}

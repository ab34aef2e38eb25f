using ApexFleet.Domain.Fleet;

namespace ApexFleet.Abstractions.Devices;

/// <summary>A model artifact as it travels: id, version and precision.</summary>
[GenerateSerializer, Immutable, Alias("apexfleet.model-slot")]
public sealed record ModelSlot(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string Version,
    [property: Id(2)] Precision Precision)
{
    public ModelRef ToRef() => new(ModelId, Version, Precision);

    public static ModelSlot From(ModelRef model) => new(model.ModelId, model.Version, model.Precision);

    public static ModelSlot? From(ModelRef? model) => model is { } m ? From(m) : null;

    public override string ToString() => ToRef().Key;
}

using System.Collections.Concurrent;
using ApexFleet.Abstractions.Devices;

namespace ApexFleet.Grains.Devices;

/// <summary>
/// One copy per silo of the values a million devices repeat: chipset names, regions, groups, model
/// slots. Every profile arrives as fresh strings off the wire or out of storage; sharing them
/// saves about half a kilobyte per device grain.
/// </summary>
public static class SharedValues
{
    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<ModelSlot, ModelSlot> Slots = new();

    public static string Share(string value) => Strings.GetOrAdd(value, value);

    public static ModelSlot? Share(ModelSlot? slot) =>
        slot is null ? null : Slots.GetOrAdd(slot, s => new ModelSlot(Share(s.ModelId), Share(s.Version), s.PrecisionCode));

    public static DeviceProfile Share(DeviceProfile p) => new(
        Share(p.ChipsetFamily),
        Share(p.ChipsetModel),
        Share(p.Tier),
        Share(p.Os),
        Share(p.OsVersion),
        Share(p.Region),
        Share(p.AppVersion),
        Share(p.FairnessGroup));
}

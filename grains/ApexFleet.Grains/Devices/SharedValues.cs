using System.Collections.Concurrent;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains.Devices;

/// <summary>
/// One copy per silo of the values a million devices repeat: chipset names, regions, groups, model
/// slots. Every profile arrives as fresh strings off the wire or out of storage, and a million
/// copies of the same few names would be most of a device grain's memory.
/// </summary>
public static class SharedValues
{
    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<ModelSlot, ModelSlot> Slots = new();
    private static readonly ConcurrentDictionary<DeviceProfile, DeviceProfile> Profiles = new();
    private static readonly ConcurrentDictionary<DeviceDirective, DeviceDirective> Directives = new();

    public static string Share(string value) => Strings.GetOrAdd(value, value);

    public static ModelRef? Share(ModelRef? model) =>
        model is { } m ? new ModelRef(Share(m.ModelId), Share(m.Version), m.Precision) : null;

    public static ModelSlot? Share(ModelSlot? slot) =>
        slot is null ? null : Slots.GetOrAdd(slot, s => new ModelSlot(Share(s.ModelId), Share(s.Version), s.Precision));

    /// <summary>A stage asks the same few things of a million devices: one directive object each.</summary>
    public static DeviceDirective Share(DeviceDirective directive) => Directives.GetOrAdd(directive, directive);

    /// <summary>
    /// Whole profiles are shared too: a fleet has as many distinct ones as chipset × OS version ×
    /// region × app version × group combinations, thousands against millions of devices.
    /// </summary>
    public static DeviceProfile Share(DeviceProfile profile) => Profiles.GetOrAdd(profile, p => new(
        Share(p.ChipsetFamily),
        Share(p.ChipsetModel),
        Share(p.Tier),
        Share(p.Os),
        Share(p.OsVersion),
        Share(p.Region),
        Share(p.AppVersion),
        Share(p.FairnessGroup),
        Share(p.Abi ?? ""),
        p.SdkLevel));
}

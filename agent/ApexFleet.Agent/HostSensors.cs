using System.Globalization;

namespace ApexFleet.Agent;

/// <summary>
/// Battery and temperature as the host exposes them under /sys (the kernel's power_supply and thermal
/// classes). A host without a battery or thermal zones has no readings: nothing is made up.
/// </summary>
/// <param name="root">The sysfs class directory; a test points it at a directory of its own.</param>
public sealed class HostSensors(string root = "/sys/class")
{
    private readonly string? _battery = Directory.Exists(Path.Combine(root, "power_supply"))
        ? Directory.GetDirectories(Path.Combine(root, "power_supply")).Order(StringComparer.Ordinal)
            .FirstOrDefault(d => Read(Path.Combine(d, "type")) == "Battery" && Read(Path.Combine(d, "capacity")) is not null)
        : null;

    private readonly (string Temp, double TripMilliC)[] _zones = Directory.Exists(Path.Combine(root, "thermal"))
        ? [.. Directory.GetDirectories(Path.Combine(root, "thermal"), "thermal_zone*")
            .Select(d => (Temp: Path.Combine(d, "temp"), Trip: Number(Read(Path.Combine(d, "trip_point_0_temp")))))
            .Where(z => z.Trip is > 0 && Number(Read(z.Temp)) is not null)
            .Select(z => (z.Temp, z.Trip!.Value))]
        : [];

    public bool HasBattery => _battery is not null;

    public bool HasThermalZones => _zones.Length > 0;

    /// <summary>Battery charge in percent, or null without a battery.</summary>
    public double? BatteryPercent() => _battery is null ? null : Number(Read(Path.Combine(_battery, "capacity")));

    /// <summary>Whether the battery is discharging (a charging phone has no drain to report).</summary>
    public bool Discharging() => _battery is not null && Read(Path.Combine(_battery, "status")) == "Discharging";

    /// <summary>
    /// The battery's drain now, in percent of a full charge per hour: the power drawn over the energy a
    /// full battery holds (power_now / energy_full, µW / µWh), or the current over the charge
    /// (current_now / charge_full, µA / µAh) on batteries that count charge. Null without a battery,
    /// while it is not discharging, or when the kernel gives neither pair: then no drain was measured,
    /// which is not a drain of 0. (The capacity in whole percent is too coarse to time a report period by.)
    /// </summary>
    public double? DrainPercentPerHour()
    {
        if (_battery is null || !Discharging())
        {
            return null;
        }

        // The fleet takes 0..100 %/h, as the simulator's phones report it.
        var rate = Rate("power_now", "energy_full") ?? Rate("current_now", "charge_full");
        return rate is { } perHour ? Math.Min(100, perHour) : null;
    }

    /// <summary>How many thermal zones are at or above their first trip point (where the kernel starts throttling).</summary>
    public int ZonesAtTrip() => _zones.Count(z => Number(Read(z.Temp)) >= z.TripMilliC);

    /// <summary>A report's thermal events: 1 when a zone is at its trip point, 0 when none is, null on a host without zones.</summary>
    public int? ThermalEvents() => HasThermalZones ? (ZonesAtTrip() > 0 ? 1 : 0) : null;

    /// <summary>Draw over capacity × 100, in %/h; some drivers report the draw negative while discharging.</summary>
    private double? Rate(string draw, string full) =>
        Number(Read(Path.Combine(_battery!, draw))) is { } now && Number(Read(Path.Combine(_battery!, full))) is { } capacity and > 0
            ? Math.Abs(now) / capacity * 100
            : null;

    private static string? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}

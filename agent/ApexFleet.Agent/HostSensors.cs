using System.Globalization;

namespace ApexFleet.Agent;

/// <summary>
/// Battery and temperature as the host exposes them under /sys. A host without a battery or thermal
/// zones reports no drain and no thermal events: nothing is made up.
/// </summary>
public sealed class HostSensors(string root = "/sys/class")
{
    private readonly string? _battery = Directory.Exists(Path.Combine(root, "power_supply"))
        ? Directory.GetDirectories(Path.Combine(root, "power_supply"))
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

    /// <summary>How many thermal zones are at or above their first trip point (where the kernel starts throttling).</summary>
    public int ZonesAtTrip() => _zones.Count(z => Number(Read(z.Temp)) >= z.TripMilliC);

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

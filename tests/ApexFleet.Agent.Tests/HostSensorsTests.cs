namespace ApexFleet.Agent.Tests;

public class HostSensorsTests
{
    /// <summary>A laptop's battery as the kernel shows it: energy in µWh, power in µW.</summary>
    private static SysfsDirectory Laptop(string status = "Discharging") => new SysfsDirectory()
        .With("power_supply/AC/type", "Mains")
        .With("power_supply/AC/online", "0")
        .With("power_supply/BAT0/type", "Battery")
        .With("power_supply/BAT0/status", status)
        .With("power_supply/BAT0/capacity", "80")
        .With("power_supply/BAT0/energy_now", "40000000")
        .With("power_supply/BAT0/energy_full", "50000000")
        .With("power_supply/BAT0/power_now", "7500000");

    [Fact]
    public void A_discharging_battery_drains_its_power_over_its_full_energy_per_hour()
    {
        using var sys = Laptop();

        var sensors = new HostSensors(sys.Root);

        // 7.5 W out of 50 Wh: 15 % of a full charge an hour.
        Assert.True(sensors.HasBattery);
        Assert.Equal(80, sensors.BatteryPercent());
        Assert.True(sensors.Discharging());
        Assert.Equal(15, sensors.DrainPercentPerHour());
    }

    [Fact]
    public void A_battery_that_counts_charge_drains_its_current_over_its_full_charge()
    {
        // 600 mA out of 4000 mAh: 15 %/h; a driver that signs the current negative while discharging reads the same.
        using var sys = new SysfsDirectory()
            .With("power_supply/battery/type", "Battery")
            .With("power_supply/battery/status", "Discharging")
            .With("power_supply/battery/capacity", "57")
            .With("power_supply/battery/charge_full", "4000000")
            .With("power_supply/battery/current_now", "-600000");

        var sensors = new HostSensors(sys.Root);

        Assert.Equal((57.0, 15.0), (sensors.BatteryPercent(), sensors.DrainPercentPerHour()));
    }

    [Theory]
    [InlineData("Charging")]
    [InlineData("Full")]
    [InlineData("Not charging")]
    public void A_battery_that_is_not_discharging_has_no_drain_reading_rather_than_zero(string status)
    {
        using var sys = Laptop(status);

        var sensors = new HostSensors(sys.Root);

        Assert.True(sensors.HasBattery);
        Assert.False(sensors.Discharging());
        Assert.Null(sensors.DrainPercentPerHour());
    }

    [Fact]
    public void A_battery_that_gives_only_its_capacity_has_no_drain_reading()
    {
        using var sys = new SysfsDirectory()
            .With("power_supply/BAT1/type", "Battery")
            .With("power_supply/BAT1/status", "Discharging")
            .With("power_supply/BAT1/capacity", "42");

        var sensors = new HostSensors(sys.Root);

        Assert.Equal((true, 42.0), (sensors.HasBattery, sensors.BatteryPercent()));
        Assert.Null(sensors.DrainPercentPerHour());
    }

    [Fact]
    public void A_drain_beyond_the_fleets_range_reads_as_its_end()
    {
        using var sys = Laptop().With("power_supply/BAT0/power_now", "60000000");

        Assert.Equal(100, new HostSensors(sys.Root).DrainPercentPerHour());
    }

    [Fact]
    public void A_host_with_mains_only_or_no_power_supply_class_has_no_battery()
    {
        using var mains = new SysfsDirectory().With("power_supply/AC/type", "Mains").With("power_supply/AC/online", "1");
        using var empty = new SysfsDirectory();
        using var capacityless = new SysfsDirectory().With("power_supply/BAT0/type", "Battery").With("power_supply/BAT0/status", "Discharging");

        foreach (var root in new[] { mains.Root, empty.Root, capacityless.Root, Path.Combine(empty.Root, "no-such-folder") })
        {
            var sensors = new HostSensors(root);
            Assert.Equal((false, null, false, null), (sensors.HasBattery, sensors.BatteryPercent(), sensors.Discharging(), sensors.DrainPercentPerHour()));
        }
    }

    [Fact]
    public void Thermal_zones_count_when_at_or_above_their_first_trip_point()
    {
        using var sys = new SysfsDirectory()
            .With("thermal/thermal_zone0/temp", "45000")
            .With("thermal/thermal_zone0/trip_point_0_temp", "90000")
            .With("thermal/thermal_zone1/temp", "95000")
            .With("thermal/thermal_zone1/trip_point_0_temp", "95000")
            .With("thermal/thermal_zone2/temp", "99000")                // no trip point: the kernel does not throttle on it
            .With("thermal/cooling_device0/cur_state", "0");

        var sensors = new HostSensors(sys.Root);

        Assert.True(sensors.HasThermalZones);
        Assert.Equal((1, 1), (sensors.ZonesAtTrip(), sensors.ThermalEvents()));
        sys.With("thermal/thermal_zone0/temp", "90000");
        Assert.Equal((2, 1), (sensors.ZonesAtTrip(), sensors.ThermalEvents()));
        sys.With("thermal/thermal_zone0/temp", "40000").With("thermal/thermal_zone1/temp", "94999");
        Assert.Equal((0, 0), (sensors.ZonesAtTrip(), sensors.ThermalEvents()));
    }

    [Fact]
    public void A_host_without_thermal_zones_has_none_to_read()
    {
        using var sys = new SysfsDirectory().With("thermal/cooling_device0/cur_state", "0");

        var sensors = new HostSensors(sys.Root);

        Assert.Equal((false, 0, null), (sensors.HasThermalZones, sensors.ZonesAtTrip(), sensors.ThermalEvents()));
    }

    [Fact]
    public void This_host_has_a_battery_exactly_when_its_power_supply_class_lists_one()
    {
        var listed = Directory.Exists("/sys/class/power_supply")
            && Directory.GetDirectories("/sys/class/power_supply").Any(d =>
                File.Exists(Path.Combine(d, "type")) && File.ReadAllText(Path.Combine(d, "type")).Trim() == "Battery" && File.Exists(Path.Combine(d, "capacity")));

        var sensors = new HostSensors();

        Assert.Equal(listed, sensors.HasBattery);
        if (!listed)
        {
            Assert.Null(sensors.DrainPercentPerHour());
        }
    }
}

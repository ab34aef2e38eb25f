namespace ApexFleet.Domain.Rollout;

/// <summary>
/// What a manifest's default progression is sized from: how many devices the fleet has and how often
/// each one runs the model. The simulator knows both; a live silo is told (or takes the defaults).
/// <see cref="RunningVersion"/> is the version of this model the fleet runs now: the previous version
/// of a manifest format that does not name one. <see cref="Usage"/> is how that volume rises and
/// falls over the day (flat when not told).
/// </summary>
public sealed record FleetContext(long Devices, double InferencesPerDevicePerHour, string? RunningVersion = null, UsageCycle? Usage = null)
{
    public UsageCycle Cycle => Usage ?? UsageCycle.Flat;

    /// <summary>A mid-size app's fleet (assumption): 100,000 phones, each running the model about once a minute while in use.</summary>
    public static readonly FleetContext Default = new(100_000, 60);
}

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// The phone-hours a rollout's new version has run, counted at each judgement: the phones on it now
/// times the hours since the last count. Now rather than the mean of then and now, because a phone's
/// first report on the new version covers the whole interval since its previous report: the
/// inferences counted by now were run by the phones on it by now. Over these hours, the inferences the
/// new version ran are the volume per phone-hour the canary measured, in the hours the rollout runs
/// (a fleet's stated volume is its daily average or its peak, and a morning rollout sees neither).
/// </summary>
public readonly record struct TargetExposure(double DeviceHours, DateTimeOffset? CountedAt)
{
    public TargetExposure Count(long devicesOnTarget, DateTimeOffset now) => CountedAt switch
    {
        null => new(DeviceHours, now),
        { } last when now > last => new(DeviceHours + (Math.Max(0, devicesOnTarget) * (now - last).TotalHours), now),
        // A clock that went back counts nothing twice.
        _ => this,
    };

    /// <summary>Inferences per phone-hour on the new version; null before any phone-hour was counted.</summary>
    public double? InferencesPerDeviceHour(long inferences) => DeviceHours > 0 && inferences > 0 ? inferences / DeviceHours : null;
}

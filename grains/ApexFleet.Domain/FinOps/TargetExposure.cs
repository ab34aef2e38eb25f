using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.FinOps;

/// <summary>
/// The phone-hours a rollout's new version has run, counted at each judgement: the phones on it now
/// times the hours since the last count. Now rather than the mean of then and now, because a phone's
/// first report on the new version covers the whole interval since its previous report: the
/// inferences counted by now were run by the phones on it by now. <see cref="WeightedHours"/> weighs
/// each hour by the fleet's <see cref="UsageCycle"/>: over them, the inferences the new version ran
/// are its volume per phone-hour at the fleet's stated rate, wherever in the day the canary ran (a
/// morning canary sees a third of the evening's use). <see cref="OfferedHours"/> counts the phones the
/// stages asked for the same way: what they asked and did not get is the ramp's lag (<see cref="RampLag"/>).
/// </summary>
public readonly record struct TargetExposure(double DeviceHours, DateTimeOffset? CountedAt, double WeightedHours = 0, double OfferedHours = 0)
{
    /// <param name="phonesOffered">Phones the stages ask to run the new version now (each cohort's share at its stage).</param>
    public TargetExposure Count(long devicesOnTarget, DateTimeOffset now, UsageCycle? cycle = null, double phonesOffered = 0)
    {
        cycle ??= UsageCycle.Flat;
        var counted = phonesOffered > 0 ? Upgraded(cycle) : this;
        return counted.CountedAt switch
        {
            null => counted with { CountedAt = now },
            { } last when now > last => new(
                counted.DeviceHours + (Math.Max(0, devicesOnTarget) * (now - last).TotalHours),
                now,
                counted.WeightedHours + (Math.Max(0, devicesOnTarget) * cycle.HoursBetween(last, now)),
                counted.OfferedHours + (Math.Max(0, phonesOffered) * (now - last).TotalHours)),
            // A clock that went back counts nothing twice.
            _ => counted,
        };
    }

    /// <summary>
    /// A count stored before the usage cycle or the stages' offers were counted has phone-hours run and
    /// none asked for: what ran is taken at the cycle's mean and as asked for, so the level does not
    /// start from the hours counted since, nor the lag from all that ran before.
    /// </summary>
    private TargetExposure Upgraded(UsageCycle cycle) => OfferedHours > 0 || DeviceHours <= 0
        ? this
        : this with { WeightedHours = WeightedHours > 0 ? WeightedHours : DeviceHours * cycle.Mean, OfferedHours = DeviceHours };

    /// <summary>
    /// How long after a stage asked for it a phone ran the new version, on average (a phone's check-in
    /// interval and download): the phone-hours asked for and not run, over the phones that run it.
    /// A stage's share is drawn by hashing phones, so fewer may run it than its share asked for with
    /// none of them late: the phone-hours asked for are scaled to the phones that do. Zero when
    /// nothing was offered or counted.
    /// </summary>
    public TimeSpan RampLag(double phonesOfferedNow, long phonesOnTargetNow)
    {
        if (OfferedHours <= 0 || phonesOfferedNow <= 0 || phonesOnTargetNow <= 0)
        {
            return TimeSpan.Zero;
        }

        var asked = OfferedHours * Math.Min(1, phonesOnTargetNow / phonesOfferedNow);
        return asked <= DeviceHours ? TimeSpan.Zero : TimeSpan.FromHours((asked - DeviceHours) / phonesOnTargetNow);
    }

    /// <summary>Inferences per phone-hour on the new version; null before any phone-hour was counted.</summary>
    public double? InferencesPerDeviceHour(long inferences) => DeviceHours > 0 && inferences > 0 ? inferences / DeviceHours : null;

    /// <summary>Inferences per phone-hour of the cycle's weight 1; null before any was counted.</summary>
    public double? InferencesPerWeightedHour(long inferences) => WeightedHours > 0 && inferences > 0 ? inferences / WeightedHours : null;
}

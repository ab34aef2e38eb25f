using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

public class DriverWatchTests
{
    /// <summary>The driver's (simulated) clock: months before the wall clock.</summary>
    private static readonly DateTimeOffset Sim = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Wall = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_driver_is_silent_once_a_whole_grace_period_passed_without_a_word()
    {
        var watch = DriverWatch.From(Sim, Wall);

        Assert.False(watch.IsSilent(Grace, Wall));
        Assert.False(watch.IsSilent(Grace, Wall.AddSeconds(29.999)));
        Assert.True(watch.IsSilent(Grace, Wall.AddSeconds(30)));
    }

    [Fact]
    public void An_evaluation_or_a_heartbeat_starts_the_grace_period_again()
    {
        var evaluated = DriverWatch.From(Sim, Wall).Evaluated(Sim.AddMinutes(10), Wall.AddSeconds(20));
        var beat = evaluated.Heard(Wall.AddSeconds(45));

        Assert.False(evaluated.IsSilent(Grace, Wall.AddSeconds(49)));
        Assert.True(evaluated.IsSilent(Grace, Wall.AddSeconds(50)));
        Assert.False(beat.IsSilent(Grace, Wall.AddSeconds(74)));
        Assert.True(beat.IsSilent(Grace, Wall.AddSeconds(75)));
        // A heartbeat says the driver is there; it does not move the rollout's clock.
        Assert.Equal((Sim.AddMinutes(10), Wall.AddSeconds(20)), (beat.RolloutTime, beat.EvaluatedAt));
    }

    [Fact]
    public void A_new_activation_gives_the_driver_a_whole_grace_period_but_remembers_its_last_word()
    {
        var resumed = DriverWatch.Resumed(Sim.AddMinutes(30), Wall, Wall.AddMinutes(2));

        Assert.False(resumed.IsSilent(Grace, Wall.AddMinutes(2).AddSeconds(29)));
        Assert.True(resumed.IsSilent(Grace, Wall.AddMinutes(2).AddSeconds(30)));
        Assert.Equal(Wall, resumed.HeardAt);
        Assert.Equal(Sim.AddMinutes(31), resumed.RolloutTimeAt(Wall.AddMinutes(1)));
        Assert.StartsWith("driver silent since 2026-03-01 12:00:00Z;", resumed.TakeOverReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_arriving_older_word_does_not_make_the_driver_older()
    {
        var watch = DriverWatch.From(Sim, Wall).Heard(Wall.AddSeconds(40)).Heard(Wall.AddSeconds(10));

        Assert.Equal(Wall.AddSeconds(40), watch.HeardAt);
        Assert.Equal(Wall.AddSeconds(40), watch.Evaluated(Sim.AddMinutes(1), Wall.AddSeconds(20)).HeardAt);
    }

    [Fact]
    public void The_rollout_clock_goes_on_from_the_last_evaluation_at_wall_clock_pace()
    {
        var watch = DriverWatch.From(Sim, Wall).Evaluated(Sim.AddHours(4), Wall.AddSeconds(90));

        Assert.Equal(Sim.AddHours(4), watch.RolloutTimeAt(Wall.AddSeconds(90)));
        Assert.Equal(Sim.AddHours(4).AddMinutes(5), watch.RolloutTimeAt(Wall.AddSeconds(90).AddMinutes(5)));
        // A wall clock stepped back never takes the rollout before its last evaluation.
        Assert.Equal(Sim.AddHours(4), watch.RolloutTimeAt(Wall));
    }

    [Theory]
    [InlineData(30_000, 5_000)]
    [InlineData(8_000, 2_000)]
    [InlineData(1_000, 250)]
    [InlineData(200, 100)]
    public void It_looks_for_silence_four_times_a_grace_period_within_a_tenth_and_five_seconds(int graceMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DriverWatch.CheckInterval(TimeSpan.FromMilliseconds(graceMs)));

    [Fact]
    public void The_audit_log_says_since_when_the_driver_is_silent_and_from_where_the_clock_goes_on()
    {
        var watch = DriverWatch.From(Sim, Wall).Evaluated(Sim.AddMinutes(30), Wall.AddSeconds(5)).Heard(Wall.AddSeconds(8));

        Assert.Equal(
            "driver silent since 2026-03-01 12:00:08Z; the cluster judges this rollout, its clock going on from 2026-01-05 06:30:00Z at wall-clock pace",
            watch.TakeOverReason());
        Assert.Equal(
            "the driver is back and judges this rollout again (the cluster did since 2026-03-01 12:00:38Z)",
            DriverWatch.BackReason(Wall.AddSeconds(38)));
    }
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

public class UsageCycleTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Hour h weighs h: 0 + 1 + … + 23 = 276 hours of use a day.</summary>
    private static readonly UsageCycle Rising = UsageCycle.Of([.. Enumerable.Range(0, 24).Select(h => (double)h)]);

    [Fact]
    public void Hours_of_use_are_each_hours_overlap_times_its_weight()
    {
        // 06:30–08:15: half of hour 6, all of 7, a quarter of 8 = 3 + 7 + 2 = 12.
        Assert.Equal(12, Rising.HoursBetween(Midnight.AddHours(6.5), Midnight.AddHours(8.25)), 12);
        // 23:00–01:00 across midnight: 23 + 0.
        Assert.Equal(23, Rising.HoursBetween(Midnight.AddHours(23), Midnight.AddHours(25)), 12);
        // Two days and an hour from 10:00: 2 × 276 + 10.
        Assert.Equal((2 * 276) + 10, Rising.HoursBetween(Midnight.AddHours(10), Midnight.AddHours(59)), 12);
        Assert.Equal(0, Rising.HoursBetween(Midnight.AddHours(9), Midnight.AddHours(8)));
        Assert.Equal(11.5, Rising.Mean, 12);
    }

    [Fact]
    public void After_is_the_first_instant_by_which_the_hours_of_use_have_passed()
    {
        Assert.Equal(Midnight.AddHours(8.25), Rising.After(Midnight.AddHours(6.5), 12));
        Assert.Equal(Midnight.AddHours(24), Rising.After(Midnight.AddHours(23), 23));
        // Hour 0 weighs nothing: half an hour of use from midnight ends at 01:30.
        Assert.Equal(Midnight.AddHours(25.5), Rising.After(Midnight.AddHours(24), 0.5));
        Assert.Equal(Midnight.AddHours(10 + 49), Rising.After(Midnight.AddHours(10), (2 * 276) + 10));
        Assert.Equal(Midnight.AddHours(1.5), UsageCycle.Flat.After(Midnight, 1.5));
        Assert.Equal(Midnight, UsageCycle.Flat.After(Midnight, 0));
    }

    [Fact]
    public void A_flat_cycle_counts_clock_hours_and_an_offset_clock_counts_utc_hours()
    {
        Assert.Equal(1.75, UsageCycle.Flat.HoursBetween(Midnight.AddHours(6.5), Midnight.AddHours(8.25)), 12);
        // 08:00 at UTC+2 is 06:00 UTC.
        var local = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(6, Rising.HoursBetween(local, local.AddHours(1)), 12);
    }

    [Theory]
    [InlineData(23, 1.0, "a usage cycle has one value per UTC hour, 24 in all (got 23)")]
    [InlineData(24, -0.5, "usage at hour 07: must be a finite number of at least 0 (got -0.5)")]
    [InlineData(24, double.NaN, "usage at hour 07: must be a finite number of at least 0 (got NaN)")]
    [InlineData(24, 0.0, "a usage cycle must have some use in some hour (all 24 are 0)")]
    public void A_cycle_that_is_not_24_usable_hours_is_refused_naming_the_hour(int hours, double hourSeven, string error)
    {
        var byHour = new double[hours];
        if (hourSeven == 0)
        {
            Array.Fill(byHour, 0);
        }
        else
        {
            Array.Fill(byHour, 1);
            byHour[7] = hourSeven;
        }

        Assert.Equal(error, Assert.Throws<FormatException>(() => UsageCycle.Of(byHour)).Message);
    }
}

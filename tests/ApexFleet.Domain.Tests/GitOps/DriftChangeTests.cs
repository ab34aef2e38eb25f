using ApexFleet.Domain.GitOps;

namespace ApexFleet.Domain.Tests.GitOps;

public class DriftChangeTests
{
    private static DriftCount Count(string cohort, string version, long devices) => new("lc", cohort, "m", version, devices);

    [Fact]
    public void New_drift_is_found_and_a_shrinking_count_is_devices_moved_back()
    {
        var before = new[] { Count("a", "0.9.0", 5), Count("b", "0.8.0", 2) };
        var after = new[] { Count("a", "0.9.0", 1), Count("b", "0.8.0", 2), Count("c", "0.7.0", 3) };

        var changes = DriftChange.Between(before, after);

        Assert.Equal(2, changes.Count);
        Assert.Equal(("a", 0L, 4L), (changes[0].Cohort, changes[0].Found, changes[0].MovedBack));
        Assert.Equal(("c", 3L, 0L), (changes[1].Cohort, changes[1].Found, changes[1].MovedBack));
        Assert.Equal("drift corrected: 4 device(s) of cohort a moved off m@0.9.0, which no manifest wants (1 left)", changes[0].Describe());
        Assert.Equal("drift: 3 device(s) of cohort c run m@0.7.0, which no manifest wants (3 in all); directed back on their next report", changes[1].Describe());
    }

    [Fact]
    public void Drift_that_disappears_is_all_moved_back_and_the_same_counts_are_no_change()
    {
        var gone = Assert.Single(DriftChange.Between([Count("a", "0.9.0", 5)], []));
        Assert.Equal((5L, 0L, "lc"), (gone.MovedBack, gone.After, gone.Deployment));
        Assert.Empty(DriftChange.Between([Count("a", "0.9.0", 5)], [Count("a", "0.9.0", 5)]));
    }
}

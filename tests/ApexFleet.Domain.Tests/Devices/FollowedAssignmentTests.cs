using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Devices;

public class FollowedAssignmentTests
{
    private static RolloutAssignment Stage(string deployment, long epoch) =>
        new(deployment, epoch, "m", "2.0.0", "1.0.0", Precision.Int8, 3.4, 7, 50, RolloutPhase.Progressing, new SortedSet<string>());

    [Fact]
    public void Only_an_older_epoch_of_the_same_deployment_is_behind_the_mark()
    {
        var mark = new FollowedAssignment("d1", 5);

        Assert.Equal(
            [true, true, false, false, false],
            new[] { Stage("d1", 4), Stage("d1", 0), Stage("d1", 5), Stage("d1", 6), Stage("d2", 1) }.Select(mark.IsAheadOf));
    }

    [Fact]
    public void A_device_that_followed_nothing_follows_whatever_comes()
    {
        var none = default(FollowedAssignment);

        Assert.False(none.IsAheadOf(Stage("d1", 0)));
        Assert.Equal(new FollowedAssignment("d1", 0), none.Follow(Stage("d1", 0)));
    }

    [Fact]
    public void The_mark_moves_forward_within_a_deployment_and_to_any_epoch_of_another()
    {
        var mark = new FollowedAssignment("d1", 5);

        Assert.Equal(
            [new FollowedAssignment("d1", 7), new FollowedAssignment("d1", 5), new FollowedAssignment("d1", 5), new FollowedAssignment("d2", 1)],
            new[] { Stage("d1", 7), Stage("d1", 3), Stage("d1", 5), Stage("d2", 1) }.Select(mark.Follow));
    }
}

using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Tests.Telemetry;

public class RecentBatchesTests
{
    [Fact]
    public void A_batch_is_admitted_once_within_the_window_and_the_oldest_is_forgotten_first()
    {
        var recent = new List<Guid>();
        var first = Guid.NewGuid();

        Assert.True(RecentBatches.Admit(recent, first));
        Assert.False(RecentBatches.Admit(recent, first));
        for (var i = 0; i < RecentBatches.Remembered; i++)
        {
            Assert.True(RecentBatches.Admit(recent, Guid.NewGuid()));
        }

        Assert.Equal(RecentBatches.Remembered, recent.Count);
        Assert.DoesNotContain(first, recent);
        Assert.False(RecentBatches.Admit(recent, recent[^1]));
    }
}

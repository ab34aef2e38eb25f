using ApexFleet.Domain.Devices;
using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.LoadTest.Tests;

public class StatisticsTests
{
    [Fact]
    public void Percentiles_of_one_to_a_hundred_microseconds_are_exact()
    {
        var log = new LatencyLog();
        for (var us = 1; us <= 100; us++)
        {
            log.Record(TimeSpan.FromMicroseconds(us));
        }

        var interval = log.TakeInterval();

        // Below 2,048 µs a 3-digit HdrHistogram keeps every value apart.
        Assert.Equal(100, interval.Count);
        Assert.Equal(0.050, interval.P50Ms, 9);
        Assert.Equal(0.095, interval.P95Ms, 9);
        Assert.Equal(0.099, interval.P99Ms, 9);
        Assert.Equal(0.100, interval.MaxMs, 9);
        Assert.Equal(0.0505, interval.MeanMs, 9);
    }

    [Fact]
    public void Each_interval_holds_only_its_own_values_and_the_total_holds_them_all()
    {
        var log = new LatencyLog();
        log.Record(TimeSpan.FromMilliseconds(1));
        log.Record(TimeSpan.FromMilliseconds(1));
        var first = log.TakeInterval();
        log.Record(TimeSpan.FromMicroseconds(500));
        var second = log.TakeInterval();
        var empty = log.TakeInterval();

        Assert.Equal(2, first.Count);
        Assert.Equal(1.0, first.MaxMs, 9);
        Assert.Equal(1, second.Count);
        Assert.Equal(0.5, second.P99Ms, 9);
        Assert.Same(LatencySummary.Empty, empty);
        Assert.Equal(3, log.Total.Count);
        Assert.Equal(1.0, log.Total.P50Ms, 9);
    }

    [Fact]
    public void A_round_trip_longer_than_the_histogram_is_kept_at_its_top()
    {
        var log = new LatencyLog();
        log.Record(TimeSpan.FromMinutes(10));

        // 120 s, rounded up to the histogram's bucket edge (3 significant digits).
        var max = log.TakeInterval().MaxMs;
        Assert.InRange(max, 120_000, 120_000 * 1.001);
    }

    [Fact]
    public void Refusals_and_failures_are_counted_by_kind_and_an_interval_is_the_difference_of_two_readings()
    {
        var tally = new LoadTally();
        tally.CountAccepted();
        var before = tally.Read();
        tally.CountAccepted();
        tally.CountAccepted();
        tally.CountRejected(RejectionReason.RateLimited);
        tally.CountRejected(RejectionReason.RateLimited);
        tally.CountRejected(RejectionReason.SequenceTooFarAhead);
        tally.CountError("down:SiloUnavailableException");
        tally.CountError("enrol:down");
        tally.CountEnrolled();

        Assert.Equal(new TallyReading(2, 3, 2, 1), tally.Read().Since(before));
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["down:SiloUnavailableException"] = 1,
                ["enrol:down"] = 1,
                ["rejected:rate_limited"] = 2,
                ["rejected:sequence_too_far_ahead"] = 1,
            },
            tally.ErrorsByKind());
    }

    [Fact]
    public void An_interval_rate_is_its_accepted_reports_over_its_length()
    {
        var interval = new LoadInterval(3.0, 0.5, 10, 1_234, 0, 0, LatencySummary.Empty);
        Assert.Equal(2_468, interval.AcceptedPerSecond, 9);
        Assert.Equal(0, (interval with { Seconds = 0 }).AcceptedPerSecond);
    }
}

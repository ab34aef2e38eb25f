using System.Diagnostics;
using System.Diagnostics.Metrics;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Grains.Tests;

/// <summary>A device grain under a flood and under bad reports: refused with a reason, counted by reason, state untouched.</summary>
[Collection(FleetClusterCollection.Name)]
public sealed class HostileReportGrainTests(FleetClusterFixture fleet) : IDisposable
{
    private static readonly ModelSlot V1 = new("m", "1.0.0", Precision.Int8);

    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _rejected = [];

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == FleetMetrics.MeterName && instrument.Name == "apexfleet.rejected_reports")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && tag.Value is string reason)
                {
                    lock (_rejected)
                    {
                        _rejected[reason] = _rejected.GetValueOrDefault(reason) + value;
                    }
                }
            }
        });
        _listener.Start();
    }

    private async Task<IDeviceGrain> EnrolledAsync(string id)
    {
        var device = fleet.Grains.GetGrain<IDeviceGrain>(id);
        await device.Enroll(new DeviceProfile("hostile", "hostile", "low", "android", "15", "eu", "7.4.0", "south"), V1);
        return device;
    }

    private static TelemetryReport Report(long sequence) =>
        new() { Sequence = sequence, At = DateTimeOffset.UnixEpoch, Running = V1, LatenciesMs = [2] };

    [Fact]
    public async Task A_flood_from_one_device_is_cut_to_its_burst_and_rate_and_counted_as_rate_limited()
    {
        Listen();
        var device = await EnrolledAsync("hostile-flood");
        var rate = ReportRate.Default;

        var clock = Stopwatch.StartNew();
        var answers = new List<DeviceDirective>();
        for (var sequence = 1; sequence <= 2 * rate.Burst; sequence++)
        {
            answers.Add(await device.Report(Report(sequence)));
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var accepted = answers.Count(a => a.Accepted);
        var limited = answers.Where(a => !a.Accepted).ToList();

        // The bucket starts full and refills at the rate: nothing past that, however fast the calls came.
        Assert.InRange(accepted, rate.Burst, rate.Burst + (rate.PerSecond * elapsed) + 1);
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.Equal((RejectionReason.RateLimited, "more than 100 reports a second (bursts of 1000); send it again later"), (a.Rejection, a.RejectionReason)));
        Assert.Equal(limited.Count, _rejected.GetValueOrDefault("rate_limited"));
        Assert.Equal(accepted, (await device.GetSnapshot()).Counters.Reports);
    }

    [Fact]
    public async Task Bad_reports_are_counted_by_reason_and_the_device_takes_the_next_good_one()
    {
        Listen();
        var device = await EnrolledAsync("hostile-bad");

        var answers = new[]
        {
            await device.Report(Report(1) with { Counters = new() { Crashes = 2 } }),
            await device.Report(Report(1) with { Running = new ModelSlot("m", "9.0.0", Precision.Int8) }),
            await device.Report(Report(long.MaxValue)),
            await device.Report(Report(1) with { Counters = new() { EnergyMillijoules = 5e11 } }),
        };
        var good = await device.Report(Report(1));

        Assert.Equal(
            [RejectionReason.CrashesExceedInferences, RejectionReason.ModelNotRunning, RejectionReason.SequenceTooFarAhead, RejectionReason.InvalidValue],
            answers.Select(a => a.Rejection));
        Assert.True(good.Accepted);
        var snapshot = await device.GetSnapshot();
        Assert.Equal((1L, 1L, 0L, 4L), (snapshot.LastSequence, snapshot.Counters.Reports, snapshot.Counters.Crashes, snapshot.RejectedReports));
        Assert.Equal(
            [("crashes_exceed_inferences", 1L), ("invalid_value", 1L), ("model_not_running", 1L), ("sequence_too_far_ahead", 1L)],
            _rejected.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)));
    }
}

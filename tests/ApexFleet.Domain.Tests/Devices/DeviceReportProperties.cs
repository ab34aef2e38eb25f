using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;
using CsCheck;

namespace ApexFleet.Domain.Tests.Devices;

/// <summary>
/// Whatever a phone sends, in whatever order: a report is taken, or refused with a reason and
/// without changing the device; no total ever goes negative; a sequence number is taken at most once.
/// </summary>
public class DeviceReportProperties
{
    private static readonly ModelRef V1 = new("m", "1.0.0", Precision.Int8);
    private static readonly ModelRef V2 = new("m", "2.0.0", Precision.Int8);

    private static readonly Gen<long> Value = Gen.Frequency(
        (6, Gen.Long[0, 20]),
        (1, Gen.Long),
        (1, Gen.OneOf(Gen.Const(long.MaxValue), Gen.Const(long.MaxValue / 2), Gen.Const(-1L), Gen.Const(1_000_000_000L), Gen.Const(100_000_000_000_000L))));

    /// <summary>Mostly nothing, now and then anything, in each counter's slot.</summary>
    private static readonly Gen<TelemetryCounters> Counters =
        Gen.Frequency((3, Gen.Const(0L)), (1, Value)).Array[TelemetryCounters.Count].Select(values => TelemetryCounters.FromArray(values));

    private static readonly Gen<float> Latency = Gen.Frequency(
        (8, Gen.Float[0, 500]),
        (1, Gen.OneOf(Gen.Const(float.NaN), Gen.Const(float.PositiveInfinity), Gen.Const(-1f), Gen.Const(700_000f))),
        (1, Gen.Float));

    private static readonly Gen<ModelRef?> Model = Gen.Int[0, 2].Select(i => i switch { 0 => V1, 1 => (ModelRef?)V2, _ => null });

    private static readonly Gen<InstallStep?> Step = Gen.Frequency(
        (4, Gen.Int.Select(_ => (InstallStep?)null)),
        (1, Gen.Select(Gen.OneOf(Gen.Const(V1), Gen.Const(V2)), Gen.Enum<InstallState>()).Select(s => (InstallStep?)new InstallStep(s.Item1, s.Item2, null))));

    private static readonly Gen<long> Sequence = Gen.Frequency(
        (8, Gen.Long[1, 80]),
        (1, Gen.Long[-2, 0]),
        (1, Gen.OneOf(Gen.Long, Gen.Const(long.MaxValue), Gen.Long[1_000_000, 1_000_100])));

    private static readonly Gen<DeviceReading> Reading =
        Gen.Select(Sequence, Model, Step, Counters, Latency.Array[0, 6])
            .Select((sequence, running, step, counters, latencies) => new DeviceReading(sequence, running, step, counters, latencies, []));

    [Fact]
    public void Every_report_is_taken_once_or_refused_with_a_reason_and_no_change()
    {
        Reading.Array[1, 30].Sample(readings =>
        {
            var device = new Device();
            device.Enroll("sd-8", "north", V1);
            var taken = new HashSet<long>();
            foreach (var reading in readings)
            {
                var before = (device.Counters, device.Sequences, device.Installed, device.Installing, device.InstallState, device.Latency.Count);
                var outcome = device.Accept(reading, new Context());
                if (outcome.IsAccepted)
                {
                    Assert.Equal(RejectionReason.None, outcome.Reason);
                    Assert.True(taken.Add(reading.Sequence), $"sequence {reading.Sequence} taken twice");
                }
                else
                {
                    Assert.NotEqual(RejectionReason.None, outcome.Reason);
                    Assert.False(string.IsNullOrEmpty(outcome.Rejection));
                    Assert.True(outcome.Contribution.IsEmpty);
                    Assert.Equal(before, (device.Counters, device.Sequences, device.Installed, device.Installing, device.InstallState, device.Latency.Count));
                }

                for (var i = 0; i < TelemetryCounters.Count; i++)
                {
                    Assert.True(device.Counters[(TelemetryCounter)i] >= 0, $"{(TelemetryCounter)i} went negative");
                }
            }
        }, iter: 10_000, seed: "0N0XIzNsQ0O2");
    }

    private sealed class Context : IDeviceContext
    {
        public string DeviceId => "phone-1";

        public DeviceTraits Traits => new(DevicePlatform.Android, "14", 34, "arm64-v8a");

        public RolloutAssignment? AssignmentFor(string modelId) => null;
    }
}

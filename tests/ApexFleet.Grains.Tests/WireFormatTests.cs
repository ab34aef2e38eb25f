using ApexFleet.Abstractions.Cohorts;
using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using ApexFleet.Domain.Telemetry;
using ApexFleet.Grains.Devices;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace ApexFleet.Grains.Tests;

/// <summary>The domain's types through Orleans' serializer, as they cross silos and reach storage.</summary>
public class WireFormatTests
{
    private static readonly Serializer Wire = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Wire.Deserialize<T>(Wire.SerializeToArray(value))!;

    private static readonly ModelRef V2 = new("m", "2.0.0", Precision.Int4);

    [Fact]
    public void A_report_keeps_every_counter_and_its_enums()
    {
        var report = new TelemetryReport
        {
            Sequence = 3,
            At = DateTimeOffset.UnixEpoch,
            Running = ModelSlot.From(V2),
            LatenciesMs = [1.5f],
            Counters = new() { EnergyMillijoules = 2.25, Crashes = 1, Outcomes = new(1, 2, 3, 4), NpuInferences = 1 },
            Install = new InstallProgress(ModelSlot.From(V2), InstallState.Verifying, "checking"),
        };

        var read = RoundTrip(report);

        Assert.Equal(report.Counters, read.Counters);
        Assert.Equal((Precision.Int4, InstallState.Verifying), (read.Running!.Precision, read.Install!.State));
    }

    [Fact]
    public void A_stored_device_reads_back_whole()
    {
        var device = new Device();
        device.Enroll("sd-8", "north", V2);
        device.Accept(new DeviceReading(1, V2, null, new() { ThermalEvents = 2, ThermalReadings = 1 }, [4, 5], []), new NoRollout());

        var read = RoundTrip(new DeviceState { Device = device }).Device;

        Assert.Equal((device.Cohort, device.FairnessGroup, device.Installed, device.InstallState, device.LastSequence),
            (read.Cohort, read.FairnessGroup, read.Installed, read.InstallState, read.LastSequence));
        Assert.Equal(device.Counters, read.Counters);
        Assert.Equal(device.Latency.Quantile(0.5), read.Latency.Quantile(0.5));
    }

    [Fact]
    public void A_stored_device_remembers_the_newest_stage_it_followed()
    {
        var device = new Device();
        device.Enroll("sd-8", "north", V2);
        var stage = new RolloutAssignment("rollout-7", 4, "m", "3.0.0", "2.0.0", Precision.Int4, 1, 7, 100, RolloutPhase.Progressing, new SortedSet<string>());
        device.Accept(new DeviceReading(1, V2, null, default, [4], []), new OneRollout(stage));

        var read = RoundTrip(new DeviceState { Device = device }).Device;

        Assert.Equal(new FollowedAssignment("rollout-7", 4), read.Followed);
    }

    [Fact]
    public void A_cohort_tally_keeps_installed_counts_and_evidence_per_deployment()
    {
        var tally = new CohortTally();
        tally.Add(new CohortContribution(Joined: true, Arrived: V2));
        tally.Add(new CohortContribution(Measured: V2, Counters: new() { Reports = 1, Inferences = 1 }, LatenciesMs: [7], Deployment: "d1"));

        var read = RoundTrip(new CohortDelta { BatchId = Guid.NewGuid(), Tally = tally }).Tally;

        Assert.Equal(1, read.Installed[V2.Key]);
        Assert.Equal(tally.EvidenceOf("d1", V2.Key).Counters, read.EvidenceOf("d1", V2.Key).Counters);
        Assert.Equal(1, read.EvidenceOf("d1", V2.Key).Latency.Count);
    }

    [Fact]
    public void Status_and_gate_outcomes_carry_enums()
    {
        var gate = new GateOutcome("crash_rate", ComparisonOperator.Less, 0.01, 100, "fleet", double.NaN, 0, GateVerdict.Inconclusive);
        var status = new RolloutStatus { DeploymentId = "d1", Phase = RolloutPhase.RolledBack, LastGates = [gate] };

        var read = RoundTrip(status);

        Assert.Equal(RolloutPhase.RolledBack, read.Phase);
        Assert.Equal((ComparisonOperator.Less, GateVerdict.Inconclusive), (read.LastGates[0].Operator, read.LastGates[0].Verdict));
    }

    private sealed class OneRollout(RolloutAssignment assignment) : IDeviceContext
    {
        public string DeviceId => "phone";

        public DeviceTraits Traits => default;

        public RolloutAssignment? AssignmentFor(string modelId) => assignment.ModelId == modelId ? assignment : null;
    }

    private sealed class NoRollout : IDeviceContext
    {
        public string DeviceId => "phone";

        public DeviceTraits Traits => default;

        public RolloutAssignment? AssignmentFor(string modelId) => null;
    }
}

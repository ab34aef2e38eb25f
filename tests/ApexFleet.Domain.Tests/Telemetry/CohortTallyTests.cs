using ApexFleet.Domain.Fairness;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Telemetry;

namespace ApexFleet.Domain.Tests.Telemetry;

public class CohortTallyTests
{
    private static readonly ModelRef V1 = new("m", "1.0.0", Precision.Int8);
    private static readonly ModelRef V2 = new("m", "2.0.0", Precision.Int4);

    [Fact]
    public void Device_changes_add_up_per_variant_and_merge_to_the_same_totals()
    {
        var silo = new CohortTally();
        silo.Add(new CohortContribution(Joined: true, Arrived: V1));
        silo.Add(new CohortContribution(Joined: true, Arrived: V1));
        silo.Add(new CohortContribution(Left: V1, Arrived: V2, Attempted: V2, Deployment: "d1"));
        silo.Add(new CohortContribution(Attempted: V2, AttemptFailed: true, Deployment: "d1"));
        silo.Add(new CohortContribution(
            Measured: V2, Counters: new() { Reports = 1, Inferences = 2, Crashes = 1, Outcomes = new(1, 0, 1, 0) }, Group: "north",
            LatenciesMs: [3, 4], OutputHistogram: [0, 2, 0, 0, 0, 0, 0, 0, 0, 0], Deployment: "d1"));

        var cohort = new CohortTally();
        cohort.Merge(silo);
        cohort.Merge(silo);

        Assert.Equal(4, cohort.DevicesJoined);
        var v1 = cohort.EvidenceOf("d1", "m@1.0.0/INT8");
        var v2 = cohort.EvidenceOf("d1", "m@2.0.0/INT4");
        Assert.Equal(2, v1.InstalledDevices);
        Assert.Equal(0, v1.Counters.Reports);
        Assert.Equal((2L, 4L, 2L, 2L, 4L, 2L), (v2.InstalledDevices, v2.Counters.InstallAttempts, v2.Counters.InstallFailures, v2.Counters.Reports, v2.Counters.Inferences, v2.Counters.Crashes));
        Assert.Equal(new ConfusionCounts(2, 0, 2, 0), v2.Outcomes["north"]);
        Assert.Equal(4, v2.Latency.Count);
        Assert.Equal(4, v2.OutputHistogram[1]);
    }

    [Fact]
    public void Evidence_belongs_to_the_deployment_the_device_followed()
    {
        var tally = new CohortTally();
        tally.Add(new CohortContribution(Joined: true, Arrived: V2));
        tally.Add(new CohortContribution(Measured: V2, Counters: new() { Reports = 1, Inferences = 5 }, Deployment: "first"));

        var earlier = tally.EvidenceOf("first", V2.Key);
        var later = tally.EvidenceOf("second", V2.Key);

        Assert.Equal((1L, 5L), (earlier.InstalledDevices, earlier.Counters.Inferences));
        Assert.Equal((1L, 0L, 0L), (later.InstalledDevices, later.Counters.Reports, later.Latency.Count));
    }
}

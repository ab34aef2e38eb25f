using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.Rollout.RolloutFixtures;

namespace ApexFleet.Domain.Tests.Rollout;

public class AssignmentTests
{
    private static readonly string[] Devices = [.. Enumerable.Range(0, 100_000).Select(i => $"dev-{i:D7}")];

    [Fact]
    public void Bucketing_is_deterministic_and_depends_on_the_deployment_and_seed()
    {
        Assert.Equal(DeviceBucketing.Bucket("d1", 7, "dev-1"), DeviceBucketing.Bucket("d1", 7, "dev-1"));
        Assert.NotEqual(DeviceBucketing.Bucket("d1", 7, "dev-1"), DeviceBucketing.Bucket("d2", 7, "dev-1"));
        Assert.NotEqual(DeviceBucketing.Bucket("d1", 7, "dev-1"), DeviceBucketing.Bucket("d1", 8, "dev-1"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void A_stage_exposes_close_to_its_percentage_of_the_fleet(double percent)
    {
        var exposed = Devices.Count(d => DeviceBucketing.IsExposed("d1", 7, d, percent));
        // Binomial standard deviation at 100k devices is at most 0.16 points; allow 4 of them.
        Assert.InRange(exposed / (double)Devices.Length * 100, percent - 0.64, percent + 0.64);
    }

    [Fact]
    public void Whoever_is_in_an_earlier_stage_stays_in_every_later_stage()
    {
        var canary = Devices.Where(d => DeviceBucketing.IsExposed("d1", 7, d, 1)).ToList();
        Assert.NotEmpty(canary);
        Assert.All(canary, d => Assert.True(DeviceBucketing.IsExposed("d1", 7, d, 10)));
        Assert.All(Devices, d => Assert.True(DeviceBucketing.IsExposed("d1", 7, d, 100)));
    }

    [Fact]
    public void Excluded_cohorts_and_rolled_back_deployments_go_back_to_the_previous_version()
    {
        var definition = TwoStages();
        var state = RolloutState.Start(T0) with { StageIndex = 1, ExcludedCohorts = new SortedSet<string> { "slow" } };
        var assignment = RolloutAssignment.From("d1", definition, state);

        Assert.Equal(new DesiredModel(definition.Target, false), assignment.DesiredFor("dev-1", "fast"));
        Assert.Equal(new DesiredModel(definition.Target with { Version = "1.0.0" }, true), assignment.DesiredFor("dev-1", "slow"));

        var rolledBack = RolloutAssignment.From("d1", definition, state with { Phase = RolloutPhase.RolledBack });
        Assert.True(rolledBack.DesiredFor("dev-1", "fast").IsRollback);
        Assert.Equal("1.0.0", rolledBack.DesiredFor("dev-1", "fast").Model.Version);
    }

    [Fact]
    public void Each_variant_downloads_its_own_size_when_the_manifest_lists_variants()
    {
        var sizes = new Dictionary<Domain.Fleet.Precision, double> { [Domain.Fleet.Precision.Fp16] = 6.8, [Domain.Fleet.Precision.Int8] = 3.4 };
        var selection = new Domain.Pareto.VariantSelection([], [], new Domain.Pareto.KneePreference(), 1, sizes);
        var assignment = RolloutAssignment.From("d1", TwoStages() with { Selection = selection }, RolloutState.Start(T0));

        Assert.Equal(6.8, assignment.SizeOf(Domain.Fleet.Precision.Fp16));
        Assert.Equal(3.4, assignment.SizeOf(Domain.Fleet.Precision.Fp32));
        Assert.Equal(3.4, RolloutAssignment.From("d1", TwoStages(), RolloutState.Start(T0)).SizeOf(Domain.Fleet.Precision.Fp16));
    }
}

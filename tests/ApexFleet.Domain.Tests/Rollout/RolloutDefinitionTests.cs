using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using static ApexFleet.Domain.Tests.Rollout.RolloutFixtures;

namespace ApexFleet.Domain.Tests.Rollout;

public class RolloutDefinitionTests
{
    private static readonly RolloutState Canary = RolloutState.Start(T0);

    [Fact]
    public void Exposure_is_the_stage_s_share_until_the_rollout_completes()
    {
        var definition = TwoStages();

        Assert.Equal(10, definition.PercentAt(Canary));
        Assert.Equal(100, definition.PercentAt(Canary with { Phase = RolloutPhase.Completed }));
        Assert.Equal(10, definition.PercentAt(Canary with { Phase = RolloutPhase.RolledBack }));
    }

    [Fact]
    public void A_cohort_runs_its_chosen_variant_of_the_new_version_else_the_manifest_s_precision()
    {
        var definition = TwoStages();
        var chosen = new Dictionary<string, Precision> { ["npu-phones"] = Precision.Int4 };

        Assert.Equal(new ModelRef("classifier", "2.0.0", Precision.Int4), definition.TargetFor("npu-phones", chosen));
        Assert.Equal(new ModelRef("classifier", "2.0.0", Precision.Int8), definition.TargetFor("gpu-phones", chosen));
        Assert.Equal(new ModelRef("classifier", "1.0.0", Precision.Int8), definition.Previous);
    }

    [Fact]
    public void Variants_move_only_when_the_rollout_enters_a_later_stage()
    {
        var definition = TwoStages();
        var promoted = RolloutEngine.ForcePromote(definition, Canary, T0.AddHours(1));
        var aborted = RolloutEngine.Abort(Canary);

        Assert.True(promoted.EntersLaterStage(Canary));
        Assert.False(aborted.EntersLaterStage(Canary));
        Assert.False(RolloutEngine.Pause(Canary).EntersLaterStage(Canary));
    }
}

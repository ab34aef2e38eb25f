using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

public class ModelClaimTests
{
    [Theory]
    [InlineData(null, false, null, ClaimVerdict.Granted)]
    [InlineData("b", false, null, ClaimVerdict.Granted)]
    [InlineData("a", true, null, ClaimVerdict.Granted)]
    [InlineData("a", false, null, ClaimVerdict.Refused)]
    [InlineData("a", false, "c", ClaimVerdict.Refused)]
    [InlineData("a", false, "a", ClaimVerdict.Superseding)]
    public void One_unfinished_rollout_per_model_unless_the_new_one_names_the_one_it_supersedes(
        string? holder, bool holderFinished, string? supersedes, ClaimVerdict expected)
    {
        var claim = ModelClaim.Decide("m", "b", holder, holderFinished, supersedes);

        Assert.Equal(expected, claim.Verdict);
    }

    [Fact]
    public void A_refusal_names_the_holder_and_the_way_out()
    {
        var claim = ModelClaim.Decide("m", "b", "a", false, null);

        Assert.Equal(
            "model 'm' is being rolled out by deployment 'a', which has not finished; one rollout per model runs at a time: wait for it, abort it, or start this one with supersede 'a'",
            claim.Reason);
    }
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Rollout;

public class InconclusivePolicyTests
{
    [Theory]
    [InlineData("24h:pause", 24.0, InconclusiveAction.Pause)]
    [InlineData("90m:rollback", 1.5, InconclusiveAction.Rollback)]
    [InlineData(" 2d : Hold ", 48.0, InconclusiveAction.Hold)]
    public void A_silo_limit_is_a_duration_and_an_action(string text, double hours, InconclusiveAction action)
    {
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromHours(hours), action), InconclusivePolicy.Parse(text));
    }

    [Fact]
    public void None_means_no_limit()
    {
        Assert.Null(InconclusivePolicy.Parse("none"));
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("pause")]
    [InlineData("0s:pause")]
    [InlineData("24h:wait")]
    [InlineData("24h:1")]
    [InlineData("soon:pause")]
    public void Anything_else_is_refused_with_the_form_to_write(string text)
    {
        var error = Assert.Throws<FormatException>(() => InconclusivePolicy.Parse(text));
        Assert.Equal($"'{text}' is not an inconclusive limit: write DURATION:ACTION (e.g. 24h:pause; actions hold, pause, rollback) or none", error.Message);
    }

    [Fact]
    public void A_standalone_silo_pauses_after_a_day_undecided()
    {
        Assert.Equal(new InconclusivePolicy(TimeSpan.FromDays(1), InconclusiveAction.Pause), InconclusivePolicy.SiloDefault);
        Assert.False(InconclusivePolicy.SiloDefault.IsDue(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(23.99)));
        Assert.True(InconclusivePolicy.SiloDefault.IsDue(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(24)));
    }
}

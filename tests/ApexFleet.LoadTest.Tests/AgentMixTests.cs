using ApexFleet.LoadTest.Agents;

namespace ApexFleet.LoadTest.Tests;

public class AgentMixTests
{
    [Fact]
    public void Agents_are_dealt_by_share_so_that_every_prefix_keeps_the_mix()
    {
        var mix = new AgentMix([("a", 50), ("b", 30), ("c", 20)]);

        var dealt = mix.Deal(10);

        // Worked by hand: each agent goes to the chipset furthest behind its share of the agents so far.
        Assert.Equal(["a", "b", "c", "a", "a", "b", "a", "c", "b", "a"], dealt);
        Assert.Equal(5, dealt.Count(c => c == "a"));
        Assert.Equal(3, dealt.Count(c => c == "b"));
        Assert.Equal(2, dealt.Count(c => c == "c"));
        Assert.Equal(["a", "b", "c", "a"], mix.Deal(4));
    }

    [Fact]
    public void Weights_need_not_add_up_to_a_hundred()
    {
        Assert.Equal(new AgentMix([("x", 1), ("y", 3)]).Deal(8), new AgentMix([("x", 25), ("y", 75)]).Deal(8));
        Assert.Equal(2, new AgentMix([("x", 1), ("y", 3)]).Deal(8).Count(c => c == "x"));
    }

    [Fact]
    public void A_mix_without_chipsets_or_with_a_weight_of_zero_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AgentMix([]));
        Assert.Throws<ArgumentException>(() => new AgentMix([("a", 1), ("b", 0)]));
        Assert.Throws<ArgumentException>(() => new AgentMix([("a", double.NaN)]));
    }
}

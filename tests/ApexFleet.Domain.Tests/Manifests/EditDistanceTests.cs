using ApexFleet.Domain.Manifests;

namespace ApexFleet.Domain.Tests.Manifests;

public class EditDistanceTests
{
    [Theory]
    [InlineData("seed", "seed", 0)]
    [InlineData("seeed", "seed", 1)]
    [InlineData("appNmae", "appName", 1)]     // two neighbours swapped are one slip
    [InlineData("kitten", "sitting", 3)]
    [InlineData("MaxMb", "maxMB", 0)]         // case does not count
    public void Distances_count_slips(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Between(a, b));
    }

    [Theory]
    [InlineData("=>", ">=")]
    [InlineData("canary", "Canary")]
    [InlineData("durationSecs", "durationSeconds")]
    [InlineData("colour", null)]
    public void Only_a_close_name_is_suggested(string typed, string? expected)
    {
        Assert.Equal(expected, EditDistance.Closest(typed, ["<=", "<", ">=", ">", "Canary", "RollingUpdate", "maxPercent", "durationSeconds"]));
    }
}

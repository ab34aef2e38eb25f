using ApexFleet.Domain.Rollout;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Population;
using ApexFleet.Simulator.Scenarios;

namespace ApexFleet.Simulator.Tests.World;

public class FleetPopulationTests
{
    private static readonly string[] Tiers = ["flagship", "mid", "low"];
    private static readonly Scenario Large = ScenarioReader.Default().WithDevices(100_000);
    private static readonly VirtualFleet Fleet = PopulationGenerator.Generate(Large, ChipsetCatalogue.Default);

    [Fact]
    public void Os_releases_appear_in_each_tier_and_platform_in_their_configured_shares()
    {
        foreach (var android in new[] { true, false })
        {
            for (var tier = 0; tier < Tiers.Length; tier++)
            {
                var devices = Enumerable.Range(0, Fleet.Count).Where(d => Is(d, android, tier)).ToList();
                if (devices.Count == 0)
                {
                    continue;
                }

                var expected = OsReleases.SharesFor(android)[tier];
                for (var release = 0; release < expected.Length; release++)
                {
                    var observed = devices.Count(d => Fleet.OsRelease[d] == release) / (double)devices.Count;
                    Assert.InRange(observed, expected[release] - Tolerance(expected[release], devices.Count), expected[release] + Tolerance(expected[release], devices.Count));
                }
            }
        }
    }

    [Fact]
    public void Every_android_phone_reports_the_sdk_level_of_its_release_and_iphones_none()
    {
        var sdkByRelease = new Dictionary<string, int[]>
        {
            ["15"] = [35],
            ["14"] = [34],
            ["13"] = [33],
            ["12"] = [31, 32],
            ["11"] = [30],
            ["10"] = [29],
            ["9"] = [28],
            ["8.1"] = [27],
            ["8.0"] = [26],
        };
        var iosVersions = new[] { "18.2", "17.7", "16.7", "15.8", "14.8" };
        for (var d = 0; d < 20_000; d++)
        {
            var profile = PopulationGenerator.Profile(Fleet, d, ChipsetCatalogue.Default);
            if (profile.Os == "android")
            {
                Assert.Contains(profile.SdkLevel, sdkByRelease[profile.OsVersion]);
                Assert.Contains(profile.Abi, new[] { "arm64-v8a", "armeabi-v7a", "x86_64" });
            }
            else
            {
                Assert.Equal("ios", profile.Os);
                Assert.Equal(0, profile.SdkLevel);
                Assert.Equal("arm64", profile.Abi);
                Assert.Contains(profile.OsVersion, iosVersions);
            }
        }
    }

    [Fact]
    public void Thirty_two_bit_only_phones_appear_only_where_configured_and_in_their_share()
    {
        for (var tier = 0; tier < Tiers.Length; tier++)
        {
            var android = Enumerable.Range(0, Fleet.Count).Where(d => Is(d, true, tier)).ToList();
            var expected = CpuAbis.AndroidShareByTier[tier][CpuAbis.ArmV7];
            var observed = android.Count(d => Fleet.Abi[d] == CpuAbis.ArmV7) / (double)android.Count;
            if (expected == 0)
            {
                Assert.Equal(0, observed);
            }
            else
            {
                Assert.InRange(observed, expected - Tolerance(expected, android.Count), expected + Tolerance(expected, android.Count));
            }

            Assert.All(Enumerable.Range(0, Fleet.Count).Where(d => Is(d, false, tier)), d => Assert.Equal(CpuAbis.Arm64, Fleet.Abi[d]));
        }
    }

    [Fact]
    public void Flagship_phones_run_no_release_older_than_their_chipsets_launched_with()
    {
        var flagshipAndroid = Enumerable.Range(0, Fleet.Count).Where(d => Is(d, true, 0));
        Assert.All(flagshipAndroid, d => Assert.True(OsReleases.Android[Fleet.OsRelease[d]].SdkLevel >= 33));
    }

    [Fact]
    public void The_recommenders_targeting_leaves_32_bit_only_phones_and_old_iphones_alone_and_reaches_the_rest()
    {
        var targeting = new Targeting(
        [
            new PlatformTarget(DevicePlatform.Ios, "15.0", null, ["arm64"]),
            new PlatformTarget(DevicePlatform.Android, null, 26, ["arm64-v8a"]),
        ]);
        for (var d = 0; d < 20_000; d++)
        {
            var profile = PopulationGenerator.Profile(Fleet, d, ChipsetCatalogue.Default);
            var leftAlone = profile.Abi is "armeabi-v7a" or "x86_64" || (profile.Os == "ios" && OsVersions.Compare(profile.OsVersion, "15.0") < 0);
            Assert.Equal(!leftAlone, targeting.Matches(profile.Traits));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_profiles_and_another_seed_others()
    {
        var small = Large.WithDevices(5_000);
        var a = PopulationGenerator.Generate(small, ChipsetCatalogue.Default);
        var b = PopulationGenerator.Generate(small, ChipsetCatalogue.Default);
        var c = PopulationGenerator.Generate(small.WithSeed(43), ChipsetCatalogue.Default);

        var profiles = (VirtualFleet f) => Enumerable.Range(0, f.Count).Select(d => PopulationGenerator.Profile(f, d, ChipsetCatalogue.Default)).ToList();
        Assert.Equal(profiles(a), profiles(b));
        Assert.NotEqual(profiles(a), profiles(c));
        Assert.Equal(a.Abi, b.Abi);
        Assert.NotEqual(a.Abi, c.Abi);
    }

    private static bool Is(int device, bool android, int tier)
    {
        var chipset = ChipsetCatalogue.Default[Fleet.ChipsetNames[Fleet.Chipset[device]]];
        return PopulationGenerator.IsAndroid(chipset) == android && Array.IndexOf(Tiers, chipset.Tier) == tier;
    }

    /// <summary>Four binomial standard deviations of a share over <paramref name="n"/> devices.</summary>
    private static double Tolerance(double share, int n) => (4 * Math.Sqrt(share * (1 - share) / n)) + 1e-12;
}

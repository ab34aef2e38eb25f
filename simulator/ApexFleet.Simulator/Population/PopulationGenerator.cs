using ApexFleet.Abstractions.Devices;
using ApexFleet.Simulator.Catalogue;
using ApexFleet.Simulator.Scenarios;
using MathNet.Numerics.Distributions;

namespace ApexFleet.Simulator.Population;

/// <summary>
/// Draws a fleet: chipsets by market share, fairness groups correlated with hardware tier as the
/// scenario says (that correlation is how a hardware regression turns into unfairness), regions,
/// and each phone's own speed.
/// </summary>
public static class PopulationGenerator
{
    private static readonly string[] Tiers = ["flagship", "mid", "low"];
    private static readonly string[] AppVersions = ["7.4.0", "7.3.2", "7.2.0"];

    // Most users update the app within weeks.
    private static readonly double[] AppReleaseShare = [0.70, 0.20, 0.10];

    public static VirtualFleet Generate(Scenario scenario, ChipsetCatalogue catalogue)
    {
        var spec = scenario.Fleet;
        var versions = scenario.Models.Keys.Order(StringComparer.Ordinal).ToList();
        var fleet = new VirtualFleet(spec.Devices, spec.Chipsets, spec.Groups, spec.Regions, versions);
        var chipsets = spec.Chipsets.Select(c => catalogue[c]).ToList();
        var cumulative = Cumulative(chipsets.Select(c => c.Share).ToList());
        var rng = new SeededRandom(SeededRandom.Mix(scenario.Simulation.Seed, 0xF1EE7));
        var previous = (short)fleet.VersionIndex(scenario.Deployment.PreviousVersion);
        var precision = (byte)scenario.Deployment.Precision;

        // A second stream for the attributes added later, so the first keeps drawing the same fleet.
        var more = new SeededRandom(SeededRandom.Mix(scenario.Simulation.Seed, 0x05A9));
        var appCumulative = Cumulative([.. AppReleaseShare]);
        var androidOs = OsReleases.AndroidShareByTier.Select(shares => Cumulative([.. shares])).ToArray();
        var iosOs = OsReleases.IosShareByTier.Select(shares => Cumulative([.. shares])).ToArray();
        var abis = CpuAbis.AndroidShareByTier.Select(shares => Cumulative([.. shares])).ToArray();

        // A third stream for the architecture, so the first two keep drawing what they drew before.
        var architecture = new SeededRandom(SeededRandom.Mix(scenario.Simulation.Seed, 0xAB1));
        for (var i = 0; i < spec.Devices; i++)
        {
            var chipset = Pick(cumulative, rng.NextDouble());
            fleet.Chipset[i] = (byte)chipset;
            fleet.Group[i] = (byte)GroupFor(chipsets[chipset].Tier, spec, rng);
            fleet.Region[i] = (byte)rng.Next(spec.Regions.Count);
            fleet.SpeedFactor[i] = (float)LogNormal.Sample(rng, 0, 0.08);
            fleet.InstalledVersion[i] = previous;
            fleet.InstalledPrecision[i] = precision;
            var tier = Math.Max(Array.IndexOf(Tiers, chipsets[chipset].Tier), 0);
            var android = IsAndroid(chipsets[chipset]);
            fleet.OsRelease[i] = (byte)Pick((android ? androidOs : iosOs)[tier], more.NextDouble());
            fleet.AppRelease[i] = (byte)Pick(appCumulative, more.NextDouble());
            fleet.BandwidthFactor[i] = (float)LogNormal.Sample(more, 0, 0.6);
            var abiDraw = architecture.NextDouble();
            fleet.Abi[i] = android ? (byte)Pick(abis[tier], abiDraw) : CpuAbis.Arm64;
        }

        return fleet;
    }

    public static DeviceProfile Profile(VirtualFleet fleet, int device, ChipsetCatalogue catalogue)
    {
        var chipset = catalogue[fleet.ChipsetNames[fleet.Chipset[device]]];
        var android = IsAndroid(chipset);
        var os = OsReleases.For(android)[fleet.OsRelease[device]];
        return new DeviceProfile(
            chipset.Family,
            chipset.Name,
            chipset.Tier,
            android ? "android" : "ios",
            os.Version,
            fleet.RegionNames[fleet.Region[device]],
            AppVersions[fleet.AppRelease[device]],
            fleet.GroupNames[fleet.Group[device]],
            CpuAbis.Name(fleet.Abi[device], android),
            os.SdkLevel);
    }

    /// <summary>Apple's chipsets run iOS; every other family of the catalogue runs Android.</summary>
    public static bool IsAndroid(ChipsetProfile chipset) => !chipset.Family.StartsWith("apple", StringComparison.Ordinal);

    private static int GroupFor(string tier, FleetSpec spec, Random rng)
    {
        if (rng.NextDouble() < spec.GroupTierCorrelation)
        {
            var t = Array.IndexOf(Tiers, tier);
            return Math.Max(t, 0) % spec.Groups.Count;
        }

        return rng.Next(spec.Groups.Count);
    }

    private static double[] Cumulative(List<double> shares)
    {
        var total = shares.Sum();
        var cumulative = new double[shares.Count];
        double running = 0;
        for (var i = 0; i < shares.Count; i++)
        {
            running += shares[i] / total;
            cumulative[i] = running;
        }

        cumulative[^1] = 1;
        return cumulative;
    }

    private static int Pick(double[] cumulative, double u)
    {
        var index = Array.BinarySearch(cumulative, u);
        return Math.Min(index >= 0 ? index + 1 : ~index, cumulative.Length - 1);
    }
}

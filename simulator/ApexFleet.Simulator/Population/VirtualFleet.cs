using ApexFleet.Domain.Fleet;

namespace ApexFleet.Simulator.Population;

/// <summary>
/// The simulated phones, one slot per array index (structure of arrays: a million devices fit in a
/// few tens of megabytes here; the grains hold the real state).
/// </summary>
public sealed class VirtualFleet
{
    public const short NoVersion = -1;

    public VirtualFleet(int count, IReadOnlyList<string> chipsets, IReadOnlyList<string> groups, IReadOnlyList<string> regions, IReadOnlyList<string> versions)
    {
        Count = count;
        ChipsetNames = chipsets;
        GroupNames = groups;
        RegionNames = regions;
        Versions = versions;
        Chipset = new byte[count];
        Group = new byte[count];
        Region = new byte[count];
        SpeedFactor = new float[count];
        InstalledVersion = new short[count];
        InstalledPrecision = new byte[count];
        InstallTarget = new short[count];
        InstallTargetPrecision = new byte[count];
        InstallTicksLeft = new byte[count];
        Sequence = new int[count];
        OsRelease = new byte[count];
        AppRelease = new byte[count];
        BandwidthFactor = new float[count];
        Abi = new byte[count];
        Array.Fill(InstallTarget, NoVersion);
    }

    public int Count { get; }
    public IReadOnlyList<string> ChipsetNames { get; }
    public IReadOnlyList<string> GroupNames { get; }
    public IReadOnlyList<string> RegionNames { get; }
    public IReadOnlyList<string> Versions { get; }

    public byte[] Chipset { get; }
    public byte[] Group { get; }
    public byte[] Region { get; }
    /// <summary>This phone's own speed relative to its chipset's median (wear, OS build, background load).</summary>
    public float[] SpeedFactor { get; }
    public short[] InstalledVersion { get; }
    public byte[] InstalledPrecision { get; }
    /// <summary>The version being downloaded and installed, or <see cref="NoVersion"/>.</summary>
    public short[] InstallTarget { get; }
    public byte[] InstallTargetPrecision { get; }
    public byte[] InstallTicksLeft { get; }
    public int[] Sequence { get; }
    /// <summary>Index into the platform's <see cref="OsReleases"/> table: 0 = its newest release, 1 = the one before, and so on.</summary>
    public byte[] OsRelease { get; }
    /// <summary>0 = the newest app version, 1 = the one before, and so on.</summary>
    public byte[] AppRelease { get; }
    /// <summary>This phone's download speed relative to the scenario's typical bandwidth.</summary>
    public float[] BandwidthFactor { get; }
    /// <summary>The CPU architecture apps run as (<see cref="CpuAbis"/>): one byte, so a million phones add a megabyte.</summary>
    public byte[] Abi { get; }

    public static string DeviceId(int index) => $"dev-{index:D7}";

    public int VersionIndex(string version)
    {
        for (var i = 0; i < Versions.Count; i++)
        {
            if (Versions[i] == version)
            {
                return i;
            }
        }

        return NoVersion;
    }

    public Precision PrecisionOf(int device) => (Precision)InstalledPrecision[device];
}

using System.Runtime.InteropServices;

namespace ApexFleet.Agent.Tests;

public class HostProfileTests
{
    [Fact]
    public void The_cpu_name_is_the_model_name_on_x86_and_the_hardware_on_arm()
    {
        using var sys = new SysfsDirectory()
            .With("x86", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz\nflags\t\t: fpu vme")
            .With("arm", "processor\t: 0\nBogoMIPS\t: 38.40\nCPU part\t: 0xd44\n\nHardware\t: Qualcomm Technologies, Inc SM8650")
            .With("pi", "processor\t: 0\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0")
            .With("nameless", "processor\t: 0\nmodel name\t:   \n");

        Assert.Equal("Intel(R) Xeon(R) Platinum 8370C CPU @ 2.80GHz", HostProfile.CpuName(Path.Combine(sys.Root, "x86")));
        Assert.Equal("Qualcomm Technologies, Inc SM8650", HostProfile.CpuName(Path.Combine(sys.Root, "arm")));
        Assert.Equal("Raspberry Pi 5 Model B Rev 1.0", HostProfile.CpuName(Path.Combine(sys.Root, "pi")));
        Assert.Null(HostProfile.CpuName(Path.Combine(sys.Root, "nameless")));
        Assert.Null(HostProfile.CpuName(Path.Combine(sys.Root, "missing")));
    }

    [Fact]
    public void The_ram_is_meminfos_total_in_bytes()
    {
        using var sys = new SysfsDirectory()
            .With("meminfo", "MemTotal:       24562688 kB\nMemFree:         1048576 kB")
            .With("garbled", "MemTotal:       lots kB");

        Assert.Equal(24_562_688L * 1024, HostProfile.RamBytes(Path.Combine(sys.Root, "meminfo")));
        Assert.Null(HostProfile.RamBytes(Path.Combine(sys.Root, "garbled")));
        Assert.Null(HostProfile.RamBytes(Path.Combine(sys.Root, "missing")));
    }

    [Theory]
    [InlineData("6.8.0-49-generic", "6.8.0")]
    [InlineData("6.18.44-fc-v1045", "6.18.44")]
    [InlineData("5.15.167.4-microsoft-standard-WSL2", "5.15.167.4")]
    [InlineData("6.1.0", "6.1.0")]
    [InlineData("unknown", null)]
    public void The_kernel_release_is_its_version_without_the_vendors_suffix(string osrelease, string? version)
    {
        using var sys = new SysfsDirectory().With("osrelease", osrelease);

        Assert.Equal(version, HostProfile.KernelRelease(Path.Combine(sys.Root, "osrelease")));
        Assert.Null(HostProfile.KernelRelease(Path.Combine(sys.Root, "missing")));
    }

    [Theory]
    [InlineData(12L << 30, "high")]
    [InlineData((12L << 30) - 1, "mid")]
    [InlineData(6L << 30, "mid")]
    [InlineData((6L << 30) - 1, "low")]
    [InlineData(24_562_688L * 1024, "high")]
    public void The_tier_follows_the_ram(long bytes, string tier) => Assert.Equal(tier, HostProfile.Tier(bytes));

    [Theory]
    [InlineData(Architecture.X64, "x86_64")]
    [InlineData(Architecture.X86, "x86")]
    [InlineData(Architecture.Arm64, "arm64-v8a")]
    [InlineData(Architecture.Arm, "armeabi-v7a")]
    [InlineData(Architecture.RiscV64, "riscv64")]
    public void The_abi_is_androids_name_for_the_architecture(Architecture architecture, string abi) =>
        Assert.Equal(abi, HostProfile.Abi(architecture));

    [Fact]
    public void This_host_enrols_with_its_own_cpu_ram_os_and_abi()
    {
        var profile = HostProfile.Detect(null);

        var cpu = HostProfile.CpuName() ?? RuntimeInformation.ProcessArchitecture.ToString();
        Assert.Equal((cpu, cpu), (profile.ChipsetFamily, profile.ChipsetModel));
        Assert.Equal(HostProfile.Tier(HostProfile.RamBytes()!.Value), profile.Tier);
        Assert.Equal(HostProfile.Abi(RuntimeInformation.ProcessArchitecture), profile.Abi);
        Assert.Equal(("local", "unknown"), (profile.Region, profile.FairnessGroup));
        if (OperatingSystem.IsLinux())
        {
            // The kernel's name and release, as /proc gives them (6.8.0-49-generic → 6.8.0).
            Assert.Equal("linux", profile.Os);
            Assert.Equal(HostProfile.KernelRelease(), profile.OsVersion);
            Assert.StartsWith(profile.OsVersion, File.ReadAllText("/proc/sys/kernel/osrelease"), StringComparison.Ordinal);
            Assert.Matches(@"^\d+\.\d+(\.\d+)?$", profile.OsVersion);
            Assert.NotNull(HostProfile.CpuName());
        }
        else
        {
            Assert.Equal(Environment.OSVersion.Version.ToString(), profile.OsVersion);
        }
    }

    [Fact]
    public void A_profile_file_overrides_the_fields_it_names_and_keeps_the_hosts_others()
    {
        using var sys = new SysfsDirectory().With("phone.yaml", "chipsetFamily: snapdragon-8-gen-3\ntier: high\nos: android\nsdkLevel: 34");
        var host = HostProfile.Detect(null);

        var profile = HostProfile.Detect(Path.Combine(sys.Root, "phone.yaml"));

        // A family without a model names the model too.
        Assert.Equal(("snapdragon-8-gen-3", "snapdragon-8-gen-3", "high", "android", 34), (profile.ChipsetFamily, profile.ChipsetModel, profile.Tier, profile.Os, profile.SdkLevel));
        Assert.Equal((host.OsVersion, host.Abi, host.Region), (profile.OsVersion, profile.Abi, profile.Region));
    }

    [Fact]
    public void A_broken_profile_file_is_named_with_its_line_and_the_known_fields()
    {
        using var sys = new SysfsDirectory().With("phone.yaml", "chipsetFamily: x\nram: [1, 2\n");
        var file = Path.Combine(sys.Root, "phone.yaml");

        var error = Assert.Throws<FormatException>(() => HostProfile.Detect(file));

        Assert.StartsWith($"{file}:2:", error.Message, StringComparison.Ordinal);
        Assert.Contains("fields: chipsetFamily, chipsetModel, tier", error.Message, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using ApexFleet.Abstractions.Devices;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ApexFleet.Agent;

/// <summary>
/// What the agent enrols as: the host's real figures (CPU name from /proc/cpuinfo, OS, ABI, a tier
/// from its RAM), each overridable by a <c>--profile</c> YAML file of <see cref="DeviceProfile"/>'s fields.
/// </summary>
public static class HostProfile
{
    /// <summary>RAM at or above which a host counts as a high-tier (12 GiB) or mid-tier (6 GiB) phone, as phone tiers go in 2025.</summary>
    public const long HighTierBytes = 12L << 30;
    public const long MidTierBytes = 6L << 30;

    public static DeviceProfile Detect(string? yamlFile)
    {
        var cpu = CpuName() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var ram = RamBytes();
        var host = new DeviceProfile(
            ChipsetFamily: cpu,
            ChipsetModel: cpu,
            Tier: ram is { } bytes ? Tier(bytes) : "mid",
            Os: Os(),
            OsVersion: (OperatingSystem.IsLinux() ? KernelRelease() : null) ?? Environment.OSVersion.Version.ToString(),
            Region: "local",
            AppVersion: typeof(HostProfile).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
            FairnessGroup: "unknown",
            Abi: Abi(RuntimeInformation.ProcessArchitecture));
        return yamlFile is null ? host : Override(host, yamlFile);
    }

    /// <summary>
    /// The OS whose version <see cref="Environment.OSVersion"/> gives: on Linux that is the kernel's, so
    /// the OS is "linux", not the distribution (whose name would pair with the kernel's version).
    /// </summary>
    public static string Os() =>
        OperatingSystem.IsAndroid() ? "android"
        : OperatingSystem.IsIOS() ? "ios"
        : OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsMacOS() ? "macos"
        : OperatingSystem.IsWindows() ? "windows"
        : RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant();

    /// <summary>
    /// The kernel's release without its vendor suffix ("6.8.0-49-generic" → "6.8.0"). .NET's own reading
    /// takes a suffix's digits for a fourth part ("6.18.44-fc-v1045" → 6.18.44.1045), which no kernel is.
    /// </summary>
    public static string? KernelRelease(string path = "/proc/sys/kernel/osrelease")
    {
        var release = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        var end = 0;
        while (end < release.Length && (char.IsAsciiDigit(release[end]) || release[end] == '.'))
        {
            end++;
        }

        return release[..end].Trim('.') is { Length: > 0 } version ? version : null;
    }

    public static string Tier(long ramBytes) => ramBytes >= HighTierBytes ? "high" : ramBytes >= MidTierBytes ? "mid" : "low";

    /// <summary>Android's ABI names, which targeting rules use.</summary>
    public static string Abi(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64-v8a",
        Architecture.Arm => "armeabi-v7a",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    /// <summary>The CPU's name as /proc/cpuinfo gives it (x86: model name; Arm: Hardware or the SoC's model).</summary>
    public static string? CpuName(string path = "/proc/cpuinfo")
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var key in new[] { "model name", "Hardware", "Model" })
        {
            var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
            if (line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() is { Length: > 0 } name)
            {
                return name;
            }
        }

        return null;
    }

    public static long? RamBytes(string path = "/proc/meminfo")
    {
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
    }

    private static DeviceProfile Override(DeviceProfile host, string file)
    {
        ProfileFile? given;
        try
        {
            given = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
                .Deserialize<ProfileFile?>(File.ReadAllText(file));
        }
        catch (YamlException ex)
        {
            throw new FormatException($"{file}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message} (fields: chipsetFamily, chipsetModel, tier, os, osVersion, region, appVersion, fairnessGroup, abi, sdkLevel)");
        }

        return given is null ? host : new DeviceProfile(
            given.ChipsetFamily ?? host.ChipsetFamily,
            given.ChipsetModel ?? given.ChipsetFamily ?? host.ChipsetModel,
            given.Tier ?? host.Tier,
            given.Os ?? host.Os,
            given.OsVersion ?? host.OsVersion,
            given.Region ?? host.Region,
            given.AppVersion ?? host.AppVersion,
            given.FairnessGroup ?? host.FairnessGroup,
            given.Abi ?? host.Abi,
            given.SdkLevel ?? host.SdkLevel);
    }

    private sealed class ProfileFile
    {
        public string? ChipsetFamily { get; set; }
        public string? ChipsetModel { get; set; }
        public string? Tier { get; set; }
        public string? Os { get; set; }
        public string? OsVersion { get; set; }
        public string? Region { get; set; }
        public string? AppVersion { get; set; }
        public string? FairnessGroup { get; set; }
        public string? Abi { get; set; }
        public int? SdkLevel { get; set; }
    }
}

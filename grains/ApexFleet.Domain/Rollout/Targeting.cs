using System.Globalization;

namespace ApexFleet.Domain.Rollout;

/// <summary>The mobile platforms a manifest can target.</summary>
public enum DevicePlatform
{
    Android = 0,
    Ios = 1,
}

/// <summary>What targeting looks at on a device: platform, OS release, Android SDK level (0 on iOS) and CPU architecture (ABI).</summary>
public readonly record struct DeviceTraits(DevicePlatform Platform, string OsVersion, int SdkLevel, string Abi);

/// <summary>
/// One platform a rollout may reach: devices of that platform at or above the minimum OS version
/// (iOS) or SDK level (Android) and with one of the listed architectures (any, when none are listed).
/// </summary>
public sealed record PlatformTarget(DevicePlatform Platform, string? MinOsVersion, int? MinSdk, IReadOnlyList<string> Architectures)
{
    public bool Matches(in DeviceTraits device) =>
        device.Platform == Platform
        && (MinOsVersion is null || OsVersions.Compare(device.OsVersion, MinOsVersion) >= 0)
        && (MinSdk is null || device.SdkLevel >= MinSdk)
        && (Architectures.Count == 0 || Architectures.Contains(device.Abi, StringComparer.Ordinal));

    public string Describe()
    {
        var floor = MinSdk is { } sdk ? $" SDK ≥ {sdk}" : MinOsVersion is { } os ? $" ≥ {os}" : "";
        var abis = Architectures.Count == 0 ? "any architecture" : string.Join("/", Architectures);
        return $"{Platform.ToString().ToLowerInvariant()}{floor} on {abis}";
    }
}

/// <summary>Which devices a rollout may reach; a device matching none of the platforms keeps what it runs and is counted as not targeted.</summary>
public sealed record Targeting(IReadOnlyList<PlatformTarget> Platforms)
{
    public bool Matches(in DeviceTraits device)
    {
        foreach (var platform in Platforms)
        {
            if (platform.Matches(device))
            {
                return true;
            }
        }

        return false;
    }

    public string Describe() => string.Join("; ", Platforms.Select(p => p.Describe()));
}

/// <summary>OS releases compared as numbers part by part ("15.0" = "15", "9.1" &lt; "10").</summary>
public static class OsVersions
{
    public static bool IsValid(string text) => Parts(text) is not null;

    public static int Compare(string? left, string? right)
    {
        var a = Parts(left) ?? [];
        var b = Parts(right) ?? [];
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var order = (i < a.Length ? a[i] : 0).CompareTo(i < b.Length ? b[i] : 0);
            if (order != 0)
            {
                return order;
            }
        }

        return 0;
    }

    private static int[]? Parts(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var pieces = text.Split('.');
        var parts = new int[pieces.Length];
        for (var i = 0; i < pieces.Length; i++)
        {
            if (!int.TryParse(pieces[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i]))
            {
                return null;
            }
        }

        return parts;
    }
}

using System.IO.Hashing;
using System.Text;

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// Deterministic placement of a device on a 0–100 line per deployment: a device joins a stage when
/// its bucket is below the stage's percentage, so whoever was in the 1% stage stays in every later
/// stage, and the same deployment and seed always pick the same devices.
/// </summary>
public static class DeviceBucketing
{
    private const ulong Resolution = 1_000_000;

    public static double Bucket(string deploymentId, ulong seed, string deviceId)
    {
        var bytes = Encoding.UTF8.GetBytes($"{deploymentId}\n{deviceId}");
        var hash = XxHash64.HashToUInt64(bytes, unchecked((long)seed));
        return hash % Resolution * 100.0 / Resolution;
    }

    public static bool IsExposed(string deploymentId, ulong seed, string deviceId, double percent) =>
        percent >= 100 || Bucket(deploymentId, seed, deviceId) < percent;
}

namespace ApexFleet.Simulator.Population;

/// <summary>
/// The CPU architecture (ABI) a phone's apps run as. iPhones are arm64. Android phones are mostly
/// arm64-v8a; some low-tier phones ship a 32-bit-only system (armeabi-v7a, typical of Android Go
/// builds on cheap SoCs) and a sliver are x86_64 (emulators, Chromebooks). Shares per tier are
/// assumptions informed by the Play device catalogue's ABI counts [R64] (docs/REFERENCES.md#assumptions).
/// </summary>
public static class CpuAbis
{
    public const byte Arm64 = 0;
    public const byte ArmV7 = 1;
    public const byte X86x64 = 2;

    /// <summary>The names a manifest's architectures list uses; iOS reports its 64-bit ARM as arm64.</summary>
    public static string Name(byte abi, bool android) => abi switch
    {
        ArmV7 => "armeabi-v7a",
        X86x64 => "x86_64",
        _ => android ? "arm64-v8a" : "arm64",
    };

    /// <summary>Android shares of (arm64-v8a, armeabi-v7a, x86_64) per tier (flagship, mid, low).</summary>
    public static readonly double[][] AndroidShareByTier =
    [
        // Flagship SoCs of the catalogue run 64-bit-only userspaces.
        [0.998, 0, 0.002],
        [0.988, 0.01, 0.002],
        // [R64] lists 54 % of catalogued devices as 32-bit primary, mostly pre-2017 or budget models;
        // among active low-tier phones we take 12 % (assumption: most of the catalogue's old models are retired).
        [0.878, 0.12, 0.002],
    ];
}

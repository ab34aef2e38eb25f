namespace ApexFleet.Simulator.Population;

/// <summary>One OS release a phone can run: its version text and, on Android, its SDK (API) level (0 on iOS).</summary>
public sealed record OsRelease(string Version, int SdkLevel);

/// <summary>
/// The OS releases of the simulated fleet, newest first, and how a hardware tier spreads over them.
/// Android shares: Google's distribution dashboard of 1 April 2025 [R62]; Apple shares: App Store
/// usage of January 2025 [R63]. A tier cannot run releases older than its chipsets launched with, so
/// each tier takes the source's shares from its floor up and renormalises them (the floors and the
/// splits the sources do not give are assumptions, docs/REFERENCES.md#assumptions).
/// </summary>
public static class OsReleases
{
    /// <summary>Android 12 and 12L share a version text; 12L (SDK 32) is told apart by its level, as 8.0 and 8.1 by theirs.</summary>
    public static readonly OsRelease[] Android =
    [
        new("15", 35), new("14", 34), new("13", 33), new("12", 32), new("12", 31),
        new("11", 30), new("10", 29), new("9", 28), new("8.1", 27), new("8.0", 26),
    ];

    /// <summary>The last minor release of each major, as phones that stopped updating stay on it.</summary>
    public static readonly OsRelease[] Ios =
    [
        new("18.2", 0), new("17.7", 0), new("16.7", 0), new("15.8", 0), new("14.8", 0),
    ];

    // [R62] in percent: 15 4.5, 14 27.4, 13 16.8, 12+12L 12.8 (12L taken as a tenth: tablets and
    // foldables, assumption), 11 15.9, 10 10.2, 9 5.8, 8.1 3.0, 8.0 1.0; older releases (2.6) are left out.
    private static readonly double[] AndroidDashboard = [4.5, 27.4, 16.8, 1.28, 11.52, 15.9, 10.2, 5.8, 3.0, 1.0];

    // [R63]: iPhones of the last four years 18 76 %, 17 19 %, older 5 %; all iPhones 68 / 19 / 13 %.
    // "Older" split 60 : 25 : 15 over 16, 15 and 14 (assumption: each older major keeps fewer phones).
    private static readonly double[] IosRecent = [76, 19, 3, 1.25, 0.75];
    private static readonly double[] IosAll = [68, 19, 7.8, 3.25, 1.95];

    /// <summary>Shares per tier (flagship, mid, low) over <see cref="Android"/>.</summary>
    public static readonly double[][] AndroidShareByTier =
    [
        // Flagship chipsets of the catalogue launched on Android 13 or later (assumption from their launch years).
        From(AndroidDashboard, oldest: 2),
        // Mid-tier chipsets launched on Android 11 or later (assumption).
        From(AndroidDashboard, oldest: 5),
        // Low-tier phones carry the whole long tail.
        From(AndroidDashboard, oldest: 9),
    ];

    /// <summary>Shares per tier (flagship, mid, low) over <see cref="Ios"/>.</summary>
    public static readonly double[][] IosShareByTier =
    [
        // Flagship iPhones (A17 Pro, A18 Pro) keep up with the current major (an A18 Pro shipped with it).
        From(IosRecent, oldest: 0),
        // Mid-tier iPhones (A15) shipped with iOS 15 and follow the last-four-years figures.
        From(IosRecent, oldest: 3),
        // Low-tier iPhones are the older ones of "all iPhones"; only they may still run iOS 14.
        From(IosAll, oldest: 4),
    ];

    public static OsRelease[] For(bool android) => android ? Android : Ios;

    public static double[][] SharesFor(bool android) => android ? AndroidShareByTier : IosShareByTier;

    /// <summary>The source's shares down to <paramref name="oldest"/> (an index), older ones zero, renormalised to 1.</summary>
    private static double[] From(double[] shares, int oldest)
    {
        var kept = shares.Select((s, i) => i <= oldest ? s : 0).ToArray();
        var total = kept.Sum();
        return [.. kept.Select(s => s / total)];
    }
}

namespace ApexFleet.Domain.Privacy;

/// <summary>
/// A device's spending of its privacy budget: by sequential composition every released report costs
/// ε, so a day allows <see cref="PrivacyPolicy.ReleasesPerDay"/> of them (UTC days, by report time).
/// </summary>
public struct PrivacyLedger
{
    /// <summary>Days since 0001-01-01 (UTC) of the last release.</summary>
    public int Day { get; set; }

    /// <summary>Reports released on <see cref="Day"/>.</summary>
    public int Releases { get; set; }

    /// <summary>Spends ε for one report if the day's budget allows it; false when the report must stay on the device.</summary>
    public bool TryRelease(DateTimeOffset at, PrivacyPolicy policy)
    {
        var day = (int)(at.UtcTicks / TimeSpan.TicksPerDay);
        if (day != Day)
        {
            Day = day;
            Releases = 0;
        }

        if (Releases >= policy.ReleasesPerDay)
        {
            return false;
        }

        Releases++;
        return true;
    }
}

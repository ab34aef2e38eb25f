namespace ApexFleet.Domain.Fleet;

/// <summary>How devices are grouped into cohorts (classes of hardware).</summary>
public enum CohortKeyKind
{
    ChipsetFamily = 0,
    ChipsetFamilyAndTier = 1,
}

public static class CohortKey
{
    public static string For(CohortKeyKind kind, string chipsetFamily, string tier) => kind switch
    {
        CohortKeyKind.ChipsetFamily => chipsetFamily,
        CohortKeyKind.ChipsetFamilyAndTier => $"{chipsetFamily}/{tier}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown cohort key"),
    };

    /// <summary>The chipset family a cohort's name starts with, whichever <see cref="CohortKeyKind"/> made it.</summary>
    public static string ChipsetOf(string cohort) => cohort.Split('/', 2)[0];
}

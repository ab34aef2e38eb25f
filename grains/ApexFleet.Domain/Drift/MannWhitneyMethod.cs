namespace ApexFleet.Domain.Drift;

/// <summary>How the Mann–Whitney p-value is computed.</summary>
public enum MannWhitneyMethod
{
    /// <summary>Exact for small samples without ties, the normal approximation otherwise.</summary>
    Auto = 0,

    /// <summary>The exact distribution of U (assumes no ties).</summary>
    Exact = 1,

    /// <summary>The normal approximation of U, without continuity or tie correction.</summary>
    NormalApproximation = 2,
}

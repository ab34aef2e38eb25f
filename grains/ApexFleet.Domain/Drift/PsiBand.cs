namespace ApexFleet.Domain.Drift;

/// <summary>The customary reading of a Population Stability Index.</summary>
public enum PsiBand
{
    /// <summary>PSI &lt; 0.1: no significant change.</summary>
    None = 0,

    /// <summary>0.1 ≤ PSI ≤ 0.25: a moderate change, worth a look.</summary>
    Moderate = 1,

    /// <summary>PSI &gt; 0.25: a significant change.</summary>
    Significant = 2,
}

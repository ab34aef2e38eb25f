namespace ApexFleet.Domain.Drift;

/// <summary>What the canary judge concludes about one metric.</summary>
public enum CanaryVerdict
{
    /// <summary>Too little data, or an interval too wide to tell: wait for more. Never a pass.</summary>
    Inconclusive = 0,

    /// <summary>The whole confidence interval lies inside the tolerance band: no change that matters.</summary>
    Pass = 1,

    /// <summary>The whole interval lies above the band: the canary is higher.</summary>
    High = 2,

    /// <summary>The whole interval lies below the band: the canary is lower.</summary>
    Low = 3,
}

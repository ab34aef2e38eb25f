using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>One class of hardware (by default a chipset family). Keyed by cohort name.</summary>
public interface ICohortGrain : IGrainWithStringKey
{
    Task Apply(CohortDelta delta);

    /// <summary>
    /// What one deployment's devices in this cohort measured of one variant (by key), with how many of
    /// the cohort's devices run it now; empty metrics when nothing yet. Evidence is never shared between deployments.
    /// </summary>
    Task<VariantMetrics> GetEvidence(string deployment, string variantKey);

    Task<CohortSnapshot> GetSnapshot();

    /// <summary>Keeps the latest variant choice made for this cohort, for people to see.</summary>
    Task RecordChoice(VariantChoice choice);
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Cohorts;

/// <summary>One class of hardware (by default a chipset family). Keyed by cohort name.</summary>
public interface ICohortGrain : IGrainWithStringKey
{
    Task Apply(CohortDelta delta);

    /// <summary>What this cohort measured for one variant key; empty metrics when nothing yet.</summary>
    Task<VariantMetrics> GetVariant(string variantKey);

    Task<CohortSnapshot> GetSnapshot();

    /// <summary>Keeps the latest variant choice made for this cohort, for people to see.</summary>
    Task RecordChoice(VariantChoice choice);
}

using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Deployments;

/// <summary>
/// Where one cohort stands when cohorts progress on their own: its stage, since when, and whether it
/// has passed the last one. Stored by the deployment; shown (with the stage's name and share) in status.
/// </summary>
[GenerateSerializer, Immutable, Alias("apexfleet.cohort-stage")]
public sealed record CohortStage(
    [property: Id(0)] string Cohort,
    [property: Id(1)] int StageIndex,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] bool Done,
    [property: Id(4)] string Stage = "",
    [property: Id(5)] double Percent = 0)
{
    public CohortProgress ToProgress() => new(StageIndex, Since, Done);

    public static CohortStage From(string cohort, CohortProgress progress) => new(cohort, progress.StageIndex, progress.StageStartedAt, progress.Done);

    /// <summary>With the stage's name and exposed share, as people read it.</summary>
    public CohortStage Named(RolloutDefinition definition) => this with
    {
        Stage = Done ? "passed all stages" : definition.Stages[StageIndex].Name,
        Percent = Done ? 100 : definition.Stages[StageIndex].Percent,
    };
}

namespace ApexFleet.Domain.Rollout;

/// <summary>
/// Where a rollout is. Immutable: the engine returns a new state with every decision. Per cohort,
/// <see cref="Cohorts"/> says where each cohort that has reported stands; <see cref="StageIndex"/> is
/// then the slowest of them, where cohorts that have not reported yet ride along.
/// </summary>
public sealed record RolloutState(
    RolloutPhase Phase,
    int StageIndex,
    DateTimeOffset StageStartedAt,
    IReadOnlySet<string> ExcludedCohorts,
    long Epoch,
    IReadOnlyDictionary<string, CohortProgress>? Cohorts = null)
{
    public static RolloutState Start(DateTimeOffset now) =>
        new(RolloutPhase.Progressing, 0, now, new SortedSet<string>(StringComparer.Ordinal), 1);

    public IReadOnlyDictionary<string, CohortProgress> CohortProgress => Cohorts ?? new Dictionary<string, CohortProgress>();

    /// <summary>Where <paramref name="cohort"/> stands: its own progress, else the slowest cohort's stage.</summary>
    public CohortProgress ProgressOf(string cohort) =>
        CohortProgress.TryGetValue(cohort, out var progress) ? progress : new CohortProgress(StageIndex, StageStartedAt);

    public RolloutState Next(Func<RolloutState, RolloutState> change) => change(this) with { Epoch = Epoch + 1 };
}

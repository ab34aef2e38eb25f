namespace ApexFleet.Domain.Rollout;

/// <summary>Where a rollout is. Immutable: the engine returns a new state with every decision.</summary>
public sealed record RolloutState(
    RolloutPhase Phase,
    int StageIndex,
    DateTimeOffset StageStartedAt,
    IReadOnlySet<string> ExcludedCohorts,
    long Epoch)
{
    public static RolloutState Start(DateTimeOffset now) =>
        new(RolloutPhase.Progressing, 0, now, new SortedSet<string>(StringComparer.Ordinal), 1);

    public RolloutState Next(Func<RolloutState, RolloutState> change) => change(this) with { Epoch = Epoch + 1 };
}

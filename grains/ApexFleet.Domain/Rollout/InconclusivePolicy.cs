namespace ApexFleet.Domain.Rollout;

/// <summary>What to do with a cohort whose gate stays inconclusive past <see cref="InconclusivePolicy.MaxDuration"/>.</summary>
public enum InconclusiveAction
{
    /// <summary>Keep waiting, but say so once in the audit log: someone should look.</summary>
    Hold = 0,
    /// <summary>Pause the whole rollout until a person resumes, promotes or aborts it.</summary>
    Pause = 1,
    /// <summary>Treat the undecided gate as failed: roll its scope back (a cohort, or everyone for a fleet gate).</summary>
    Rollback = 2,
}

/// <summary>
/// How long a stage may wait for a gate to decide (Argo Rollouts' inconclusive limit, in time rather
/// than in runs [R115]). Counted from when the cohort entered the stage, bake window included.
/// </summary>
public sealed record InconclusivePolicy(TimeSpan MaxDuration, InconclusiveAction OnInconclusive)
{
    /// <summary>No limit: inconclusive gates hold for as long as it takes (the behaviour before policies).</summary>
    public static readonly InconclusivePolicy Unlimited = new(TimeSpan.MaxValue, InconclusiveAction.Hold);

    /// <summary>
    /// A standalone silo's limit for stages whose manifest sets none: after a day undecided, pause and
    /// ask a person (Argo's answer to an inconclusive limit [R115]). A simulation's day ends first.
    /// </summary>
    public static readonly InconclusivePolicy SiloDefault = new(TimeSpan.FromDays(1), InconclusiveAction.Pause);

    /// <summary>Reads <c>24h:pause</c>, <c>6h:rollback</c>, <c>2d:hold</c>, or <c>none</c> (null: no limit).</summary>
    public static InconclusivePolicy? Parse(string text)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !Manifests.DurationText.TryParse(parts[0], out var limit) || limit <= TimeSpan.Zero
            || !Enum.TryParse<InconclusiveAction>(parts[1], ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(parts[1], out _))
        {
            throw new FormatException($"'{text}' is not an inconclusive limit: write DURATION:ACTION (e.g. 24h:pause; actions hold, pause, rollback) or none");
        }

        return new InconclusivePolicy(limit, action);
    }

    public bool IsDue(DateTimeOffset enteredStage, DateTimeOffset now) =>
        MaxDuration != TimeSpan.MaxValue && now - enteredStage >= MaxDuration;
}

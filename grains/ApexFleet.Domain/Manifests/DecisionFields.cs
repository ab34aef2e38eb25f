using ApexFleet.Domain.Rollout;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// What both manifest formats write about how decisions are reached: a gate's <c>tolerance</c>, an
/// <c>inconclusive</c> limit on a stage or a gate, and the rollout's <c>progression</c>.
/// </summary>
public static class DecisionFields
{
    public static readonly IReadOnlyDictionary<string, InconclusiveAction> Actions = new Dictionary<string, InconclusiveAction>(StringComparer.Ordinal)
    {
        ["hold"] = InconclusiveAction.Hold,
        ["pause"] = InconclusiveAction.Pause,
        ["rollback"] = InconclusiveAction.Rollback,
    };

    public static readonly IReadOnlyDictionary<string, Rollout.Progression> Progressions = new Dictionary<string, Rollout.Progression>(StringComparer.Ordinal)
    {
        ["perCohort"] = Rollout.Progression.PerCohort,
        ["lockstep"] = Rollout.Progression.Lockstep,
    };

    /// <summary>
    /// <c>inconclusive: { maxDuration, onInconclusive }</c> under <paramref name="parent"/>, or null when
    /// absent (or wrong: reported). Both fields are required: a limit without an action, or an action
    /// without a limit, would leave the reader guessing.
    /// </summary>
    public static InconclusivePolicy? Inconclusive(YamlFields f, YamlMappingNode parent, string path)
    {
        if (f.Mapping(parent, "inconclusive", path, required: false) is not { } node)
        {
            return null;
        }

        f.RejectUnknown(node, path, "maxDuration", "onInconclusive");
        var limit = f.Duration(node, "maxDuration", $"{path}.maxDuration");
        if (limit is { } zero && zero <= TimeSpan.Zero)
        {
            f.Error(f.Child(node, "maxDuration"), $"{path}.maxDuration", "must be longer than 0 (an undecided gate needs some time to decide)");
            limit = null;
        }

        var action = f.Choice(node, "onInconclusive", $"{path}.onInconclusive", Actions);
        return limit is { } max && f.Child(node, "onInconclusive") is YamlScalarNode { Value: { } text } && Actions.ContainsKey(text)
            ? new InconclusivePolicy(max, action)
            : null;
    }

    /// <summary>A gate's indifference zone, in the threshold's own unit; null (absent) takes <see cref="GateSpec.DefaultToleranceShare"/>.</summary>
    public static double? Tolerance(YamlFields f, YamlMappingNode gate, string path) =>
        f.Number(gate, "tolerance", path, 0, double.MaxValue, required: false);

    /// <summary><c>progression: perCohort | lockstep</c>; per cohort when absent.</summary>
    public static Rollout.Progression Progression(YamlFields f, YamlMappingNode parent, string path) =>
        f.Choice(parent, "progression", path, Progressions, required: false, fallback: Rollout.Progression.PerCohort);
}

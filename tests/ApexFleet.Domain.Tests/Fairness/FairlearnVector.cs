using ApexFleet.Domain.Fairness;

namespace ApexFleet.Domain.Tests.Fairness;

/// <summary>The example of Fairlearn's documentation (docs/REFERENCES.md [R10]), as per-group counts.</summary>
public static class FairlearnVector
{
    public static readonly int[] YTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    public static readonly int[] YPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
    public static readonly string[] Group = ["b", "b", "a", "b", "b", "c", "c", "c", "a", "a", "c", "a", "b", "c", "c", "b", "c", "c"];

    public static IReadOnlyDictionary<string, ConfusionCounts> Groups()
    {
        var groups = new Dictionary<string, ConfusionCounts>();
        for (var i = 0; i < YTrue.Length; i++)
        {
            groups[Group[i]] = groups.GetValueOrDefault(Group[i], ConfusionCounts.Zero).Add(YTrue[i] == 1, YPred[i] == 1);
        }

        return groups;
    }
}

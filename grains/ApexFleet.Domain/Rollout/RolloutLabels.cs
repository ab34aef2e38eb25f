namespace ApexFleet.Domain.Rollout;

/// <summary>Who a rollout belongs to: its namespace, app and labels (team, cost-center…), shown wherever the rollout is.</summary>
public sealed record RolloutLabels(string? Namespace, string? AppName, IReadOnlyDictionary<string, string> Labels)
{
    public static readonly RolloutLabels None = new(null, null, new Dictionary<string, string>());

    public bool IsEmpty => Namespace is null && AppName is null && Labels.Count == 0;

    public string Describe() => string.Join(", ", Pairs().Select(p => $"{p.Key}={p.Value}"));

    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        if (Namespace is not null)
        {
            yield return new("namespace", Namespace);
        }

        if (AppName is not null)
        {
            yield return new("app", AppName);
        }

        foreach (var label in Labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            yield return label;
        }
    }
}

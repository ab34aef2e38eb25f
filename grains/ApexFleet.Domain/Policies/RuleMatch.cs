namespace ApexFleet.Domain.Policies;

/// <summary>Which manifests a rule applies to; an empty list (or map) matches everything, as in Kubernetes.</summary>
public sealed record RuleMatch(IReadOnlyList<string> Kinds, IReadOnlyList<string> Namespaces, IReadOnlyDictionary<string, string> Labels)
{
    public static readonly RuleMatch Everything = new([], [], new Dictionary<string, string>());

    public bool Matches(AdmissionRequest request) =>
        (Kinds.Count == 0 || Kinds.Contains(request.Kind, StringComparer.Ordinal))
        && (Namespaces.Count == 0 || Namespaces.Contains(request.Namespace, StringComparer.Ordinal))
        && Labels.All(l => request.Labels.TryGetValue(l.Key, out var value) && value == l.Value);
}

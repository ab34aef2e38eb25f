namespace ApexFleet.Domain.Policies;

/// <summary>A manifest as the rules see it: the document as data, and the facts the match reads from it.</summary>
public sealed record AdmissionRequest(
    string Source,
    Dictionary<string, object?> Object,
    string Kind,
    string Namespace,
    IReadOnlyDictionary<string, string> Labels,
    string ModelId,
    string ModelVersion)
{
    public const string DefaultNamespace = "default";

    /// <summary>
    /// Reads a manifest of either format. The model is named by <paramref name="modelId"/> when the
    /// manifest parser already knows it, else by <c>spec.model.id</c> (or <c>.name</c>) in the document.
    /// </summary>
    public static AdmissionRequest FromManifest(string source, string yaml, string? modelId = null, string? modelVersion = null)
    {
        var data = PolicyData.LoadMapping(source, yaml);
        var labels = PolicyData.At(data, "metadata", "labels") is Dictionary<string, object?> map
            ? map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new(
            source,
            data,
            Text(PolicyData.At(data, "kind")) ?? "",
            Text(PolicyData.At(data, "metadata", "namespace")) ?? DefaultNamespace,
            labels,
            modelId ?? Text(PolicyData.At(data, "spec", "model", "id")) ?? Text(PolicyData.At(data, "spec", "model", "name")) ?? "",
            modelVersion ?? Text(PolicyData.At(data, "spec", "model", "version")) ?? "");
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
}

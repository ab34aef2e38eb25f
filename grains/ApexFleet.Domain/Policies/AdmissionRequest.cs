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
    /// manifest parser already knows it, else as the document writes it (<c>spec.model.id</c> or
    /// <c>.name</c>, or the on-device format's <c>spec.modelId</c>).
    /// </summary>
    public static AdmissionRequest FromManifest(string source, string yaml, string? modelId = null, string? modelVersion = null) =>
        FromData(source, PolicyData.LoadMapping(source, yaml), modelId, modelVersion);

    /// <summary>One document already read as data (one of several in a file).</summary>
    public static AdmissionRequest FromData(string source, Dictionary<string, object?> data, string? modelId = null, string? modelVersion = null)
    {
        var labels = PolicyData.At(data, "metadata", "labels") is Dictionary<string, object?> map
            ? map.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new(
            source,
            data,
            Text(PolicyData.At(data, "kind")) ?? "",
            Text(PolicyData.At(data, "metadata", "namespace")) ?? DefaultNamespace,
            labels,
            modelId ?? Text(PolicyData.At(data, "spec", "model", "id")) ?? Text(PolicyData.At(data, "spec", "model", "name")) ?? Text(PolicyData.At(data, "spec", "modelId")) ?? "",
            modelVersion ?? Text(PolicyData.At(data, "spec", "model", "version")) ?? Text(PolicyData.At(data, "spec", "modelVersion")) ?? "");
    }

    private static string? Text(object? value) => value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
}

using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Cli.Commands;

/// <summary>Valid manifest documents judged by the rules, as the reconciler would judge them.</summary>
internal sealed class Admission(PolicyBundle bundle, FleetContext fleet, CostModel prices)
{
    // A file is read as data once, however many of its documents are judged.
    private readonly Dictionary<string, IReadOnlyList<object?>> _files = new(StringComparer.Ordinal);

    /// <summary>Null for a document that is not valid: the rules see only what could roll out.</summary>
    public AdmissionReview? Judge(string file, string text, ManifestDocument document)
    {
        if (!document.IsValid || document.Definition is not { } definition)
        {
            return null;
        }

        if (!_files.TryGetValue(file, out var documents))
        {
            _files[file] = documents = [.. PolicyData.Load(file, text).Select(d => d.Data)];
        }

        var data = documents[document.Number - 1] as Dictionary<string, object?> ?? [];
        var request = AdmissionRequest.FromData(file, data, definition.ModelId, definition.TargetVersion);
        return PolicyEvaluator.Evaluate(bundle, request, definition, fleet, prices);
    }
}

using ApexFleet.Domain.Manifests;
using ApexFleet.Domain.Policies;

namespace ApexFleet.Cli.Commands;

/// <summary>A valid manifest document judged by the rules, as the reconciler would judge it.</summary>
internal static class Admission
{
    /// <summary>Null for a document that is not valid: the rules see only what could roll out.</summary>
    public static AdmissionReview? Judge(PolicyBundle bundle, string file, string text, ManifestDocument document)
    {
        if (!document.IsValid || document.Definition is not { } definition)
        {
            return null;
        }

        var data = PolicyData.Load(file, text)[document.Number - 1].Data as Dictionary<string, object?> ?? [];
        return PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromData(file, data, definition.ModelId, definition.TargetVersion));
    }
}

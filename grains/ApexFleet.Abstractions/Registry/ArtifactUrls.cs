using ApexFleet.Domain.Fleet;

namespace ApexFleet.Abstractions.Registry;

/// <summary>
/// Where the silo serves a registry entry and its bytes, relative to its HTTP address (a device
/// resolves them against the silo or CDN it talks to).
/// </summary>
public static class ArtifactUrls
{
    public static string Entry(string modelId, string version, Precision variant) =>
        $"/api/models/{Uri.EscapeDataString(modelId)}/{Uri.EscapeDataString(version)}/{variant.ToLabel()}";

    public static string Artifact(string modelId, string version, Precision variant) => Entry(modelId, version, variant) + "/artifact";

    public static string Delta(string modelId, string version, Precision variant) => Entry(modelId, version, variant) + "/delta";
}

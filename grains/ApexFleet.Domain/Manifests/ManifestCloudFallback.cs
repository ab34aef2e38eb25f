using ApexFleet.Domain.Rollout;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary><c>spec.cloudFallback: { function, memoryMB }</c>, the same in both manifest formats.</summary>
public static class ManifestCloudFallback
{
    public const string Key = "cloudFallback";

    /// <summary>The largest function memory the common serverless platforms offer (10 GiB); beyond it is a typo.</summary>
    public const long MaxMemoryMB = 10_240;

    public static CloudFallback? Read(YamlFields fields, YamlMappingNode spec, string path)
    {
        if (fields.Mapping(spec, Key, path, required: false) is not { } node)
        {
            return null;
        }

        fields.RejectUnknown(node, path, "function", "memoryMB");
        var function = fields.String(node, "function", $"{path}.function");
        var memory = fields.Integer(node, "memoryMB", $"{path}.memoryMB", 1, MaxMemoryMB);
        return function is null || memory is null ? null : new CloudFallback(function, memory.Value);
    }
}

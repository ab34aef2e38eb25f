using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Reads a deployment manifest (<c>kind: Deployment</c>) into a validated <see cref="RolloutDefinition"/>.
/// Every error names the file, line, column and field; all of them are reported together.
/// </summary>
public static class DeploymentManifest
{
    public const string ApiVersion = "apexfleet.io/v1";

    private static readonly Dictionary<string, Precision> Precisions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FP32"] = Precision.Fp32,
        ["FP16"] = Precision.Fp16,
        ["INT8"] = Precision.Int8,
        ["INT4"] = Precision.Int4,
    };

    private static readonly Dictionary<string, GateScope> Scopes = new(StringComparer.Ordinal)
    {
        ["cohort"] = GateScope.Cohort,
        ["fleet"] = GateScope.Fleet,
    };

    private static readonly Dictionary<string, ComparisonOperator> Operators = new(StringComparer.Ordinal)
    {
        ["<="] = ComparisonOperator.LessOrEqual,
        ["<"] = ComparisonOperator.Less,
        [">="] = ComparisonOperator.GreaterOrEqual,
        [">"] = ComparisonOperator.Greater,
    };

    public static RolloutDefinition Parse(string source, string yaml)
    {
        var root = YamlFields.LoadRoot(source, yaml);
        var fields = new YamlFields(source);
        fields.RejectUnknown(root, "", "apiVersion", "kind", "metadata", "spec");
        var api = fields.String(root, "apiVersion", "apiVersion");
        if (api is not null && api != ApiVersion)
        {
            fields.Error(fields.Child(root, "apiVersion"), "apiVersion", $"must be {ApiVersion} (got '{api}')");
        }

        var kind = fields.String(root, "kind", "kind");
        if (kind is not null && kind != "Deployment")
        {
            fields.Error(fields.Child(root, "kind"), "kind", $"must be Deployment (got '{kind}')");
        }

        var metadata = fields.Mapping(root, "metadata", "metadata");
        var name = metadata is null ? null : fields.String(metadata, "name", "metadata.name");
        var spec = fields.Mapping(root, "spec", "spec");
        var definition = spec is null ? null : ReadSpec(fields, spec, "spec", name ?? "");
        fields.ThrowIfAny();
        return definition!;
    }

    /// <summary>Reads a deployment spec mapping; used by manifests and by simulator scenarios.</summary>
    public static RolloutDefinition? ReadSpec(YamlFields fields, YamlMappingNode spec, string path, string name)
    {
        fields.RejectUnknown(spec, path, "model", "seed", "stages", "privacy");
        var model = fields.Mapping(spec, "model", $"{path}.model");
        string? modelId = null, version = null, previous = null;
        Precision precision = Precision.Fp32;
        double megabytes = 0;
        if (model is not null)
        {
            var at = $"{path}.model";
            fields.RejectUnknown(model, at, "id", "version", "previousVersion", "precision", "sizeMB");
            modelId = fields.String(model, "id", $"{at}.id");
            version = fields.String(model, "version", $"{at}.version");
            previous = fields.String(model, "previousVersion", $"{at}.previousVersion");
            precision = fields.Choice(model, "precision", $"{at}.precision", Precisions, required: false, fallback: Precision.Fp32);
            megabytes = fields.Number(model, "sizeMB", $"{at}.sizeMB", 0.001, 100_000, required: false, fallback: 10) ?? 10;
            if (version is not null && version == previous)
            {
                fields.Error(fields.Child(model, "previousVersion"), $"{at}.previousVersion", $"must differ from version ('{version}')");
            }
        }

        var seed = fields.Integer(spec, "seed", $"{path}.seed", 0, long.MaxValue, required: false, fallback: 0) ?? 0;
        var stages = ReadStages(fields, spec, $"{path}.stages");
        double? epsilon = null;
        if (fields.Mapping(spec, "privacy", $"{path}.privacy", required: false) is { } privacy)
        {
            fields.RejectUnknown(privacy, $"{path}.privacy", "epsilon");
            epsilon = fields.Number(privacy, "epsilon", $"{path}.privacy.epsilon", 0.001, 100);
        }

        return modelId is null || version is null || previous is null
            ? null
            : new RolloutDefinition(name, modelId, version, previous, precision, megabytes, (ulong)seed, stages, epsilon);
    }

    private static List<RolloutStage> ReadStages(YamlFields fields, YamlMappingNode spec, string path)
    {
        var nodes = fields.Sequence(spec, "stages", path);
        if (nodes.Count == 0 && fields.Child(spec, "stages") is YamlSequenceNode empty)
        {
            fields.Error(empty, path, "must list at least one stage");
        }

        var stages = new List<RolloutStage>();
        double previousPercent = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                fields.Error(nodes[i], at, "must be a mapping with name, percent, bakeWindow and gates");
                continue;
            }

            fields.RejectUnknown(node, at, "name", "percent", "bakeWindow", "gates");
            var name = fields.String(node, "name", $"{at}.name", required: false, fallback: $"stage-{i + 1}")!;
            var percent = fields.Number(node, "percent", $"{at}.percent", 0.0001, 100);
            if (percent is { } p)
            {
                if (p <= previousPercent)
                {
                    fields.Error(fields.Child(node, "percent"), $"{at}.percent", $"must be above the previous stage's {previousPercent}%");
                }

                previousPercent = Math.Max(previousPercent, p);
            }

            var bake = fields.Duration(node, "bakeWindow", $"{at}.bakeWindow", required: false, fallback: TimeSpan.Zero)!.Value;
            var gates = ReadGates(fields, node, $"{at}.gates");
            stages.Add(new RolloutStage(name, percent ?? 0, bake, gates));
        }

        if (stages.Count > 0 && previousPercent < 100)
        {
            fields.Error(nodes[^1], $"{path}[{nodes.Count - 1}].percent", "the last stage must reach 100%");
        }

        return stages;
    }

    private static List<GateSpec> ReadGates(YamlFields fields, YamlMappingNode stage, string path)
    {
        var gates = new List<GateSpec>();
        var nodes = fields.Sequence(stage, "gates", path, required: false);
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                fields.Error(nodes[i], at, "must be a mapping with metric, operator, threshold");
                continue;
            }

            fields.RejectUnknown(node, at, "metric", "operator", "threshold", "minSamples", "scope");
            var metric = fields.String(node, "metric", $"{at}.metric");
            if (metric is not null && !GateMetrics.IsKnown(metric))
            {
                fields.Error(fields.Child(node, "metric"), $"{at}.metric", $"unknown metric '{metric}'; known: {string.Join(", ", GateMetrics.Names)}");
            }

            var op = fields.Choice(node, "operator", $"{at}.operator", Operators);
            var threshold = fields.Number(node, "threshold", $"{at}.threshold", double.MinValue, double.MaxValue);
            var minSamples = fields.Integer(node, "minSamples", $"{at}.minSamples", 1, long.MaxValue, required: false, fallback: 100) ?? 100;
            var scope = fields.Choice(node, "scope", $"{at}.scope", Scopes, required: false, fallback: GateScope.Cohort);
            if (metric is not null && threshold is not null && fields.Child(node, "operator") is not null)
            {
                gates.Add(new GateSpec(metric, op, threshold.Value, minSamples, scope));
            }
        }

        return gates;
    }
}

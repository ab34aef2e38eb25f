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
        fields.RejectUnknown(spec, path, "model", "seed", "stages", "privacy", "selection");
        var model = fields.Mapping(spec, "model", $"{path}.model");
        string? modelId = null, version = null, previous = null;
        Dictionary<Precision, double>? sizes = null;
        Precision precision = Precision.Fp32;
        double megabytes = 0;
        if (model is not null)
        {
            var at = $"{path}.model";
            fields.RejectUnknown(model, at, "id", "version", "previousVersion", "precision", "sizeMB", "variants");
            modelId = fields.String(model, "id", $"{at}.id");
            version = fields.String(model, "version", $"{at}.version");
            previous = fields.String(model, "previousVersion", $"{at}.previousVersion");
            precision = fields.Choice(model, "precision", $"{at}.precision", PrecisionNames.ByLabel, required: false, fallback: Precision.Fp32);
            megabytes = fields.Number(model, "sizeMB", $"{at}.sizeMB", 0.001, 100_000, required: false, fallback: 10) ?? 10;
            sizes = ReadVariants(fields, model, $"{at}.variants");
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
            : new RolloutDefinition(name, modelId, version, previous, precision, megabytes, (ulong)seed, stages, epsilon is { } e ? Privacy.PrivacyPolicy.WithDefaultBudget(e) : null, ReadSelection(fields, spec, $"{path}.selection", sizes));
    }

    private static Dictionary<Precision, double>? ReadVariants(YamlFields fields, YamlMappingNode model, string path)
    {
        if (fields.Mapping(model, "variants", path, required: false) is not { } node)
        {
            return null;
        }

        var sizes = new Dictionary<Precision, double>();
        foreach (var (label, key, value) in fields.Entries(node, path))
        {
            if (!PrecisionNames.ByLabel.TryGetValue(label, out var precision))
            {
                fields.Error(key, $"{path}.{label}", $"must be one of {string.Join(", ", PrecisionNames.ByLabel.Keys)}");
                continue;
            }

            if (value is YamlMappingNode variant)
            {
                fields.RejectUnknown(variant, $"{path}.{label}", "sizeMB");
                sizes[precision] = fields.Number(variant, "sizeMB", $"{path}.{label}.sizeMB", 0.001, 100_000) ?? 1;
            }
            else
            {
                fields.Error(value, $"{path}.{label}", "must be a mapping with sizeMB");
            }
        }

        return sizes;
    }

    private static Pareto.VariantSelection? ReadSelection(YamlFields fields, YamlMappingNode spec, string path, Dictionary<Precision, double>? sizes)
    {
        if (fields.Mapping(spec, "selection", path, required: false) is not { } node)
        {
            return null;
        }

        fields.RejectUnknown(node, path, "objectives", "constraints", "choose", "weights", "minSamples", "cloudCostPer1k");
        if (sizes is null || sizes.Count < 2)
        {
            fields.Error(node, path, "needs spec.model.variants with at least two variants to choose from");
        }

        var objectivesText = fields.String(node, "objectives", $"{path}.objectives", required: false, fallback: "latency:min,energy:min,accuracy:max,size:min")!;
        IReadOnlyList<Pareto.Objective> objectives = [];
        try
        {
            objectives = Pareto.Objective.ParseList(objectivesText);
            foreach (var objective in objectives.Where(o => !Pareto.VariantMetricNames.All.Contains(o.Name)))
            {
                fields.Error(fields.Child(node, "objectives"), $"{path}.objectives", $"unknown metric '{objective.Name}'; known: {string.Join(", ", Pareto.VariantMetricNames.All)}");
            }
        }
        catch (Pareto.ParetoInputException ex)
        {
            fields.Error(fields.Child(node, "objectives"), $"{path}.objectives", ex.Message);
        }

        var constraints = new List<Pareto.Constraint>();
        foreach (var (item, i) in fields.Sequence(node, "constraints", $"{path}.constraints", required: false).Select((n, i) => (n, i)))
        {
            try
            {
                var constraint = Pareto.Constraint.Parse((item as YamlScalarNode)?.Value ?? "");
                if (!objectives.Any(o => o.Name == constraint.Objective))
                {
                    fields.Error(item, $"{path}.constraints[{i}]", $"'{constraint.Objective}' is not one of the objectives");
                }

                constraints.Add(constraint);
            }
            catch (Pareto.ParetoInputException ex)
            {
                fields.Error(item, $"{path}.constraints[{i}]", ex.Message);
            }
        }

        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (fields.Mapping(node, "weights", $"{path}.weights", required: false) is { } weightNode)
        {
            foreach (var (name, _, _) in fields.Entries(weightNode, $"{path}.weights"))
            {
                weights[name] = fields.Number(weightNode, name, $"{path}.weights.{name}", 0, 1000) ?? 0;
            }
        }

        var rule = fields.String(node, "choose", $"{path}.choose", required: false, fallback: weights.Count > 0 ? "weighted" : "knee")!;
        Pareto.Preference? preference = null;
        try
        {
            preference = Pareto.Preference.Parse(rule, weights.Count > 0 ? weights : null);
            if (objectives.Count > 0)
            {
                preference.Validate(objectives);
            }
        }
        catch (Pareto.ParetoInputException ex)
        {
            fields.Error(fields.Child(node, "choose") ?? node, $"{path}.choose", ex.Message);
        }

        var minSamples = fields.Integer(node, "minSamples", $"{path}.minSamples", 1, long.MaxValue, required: false, fallback: 500) ?? 500;
        var cloudCost = fields.Number(node, "cloudCostPer1k", $"{path}.cloudCostPer1k", 0, 1_000_000, required: false, fallback: Pareto.VariantSelection.DefaultCloudCostPer1k) ?? Pareto.VariantSelection.DefaultCloudCostPer1k;
        return preference is null || sizes is null ? null : new Pareto.VariantSelection(objectives, constraints, preference, minSamples, sizes, cloudCost);
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

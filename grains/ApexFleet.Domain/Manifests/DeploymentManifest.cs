using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Rollout;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Reads a deployment manifest into a validated <see cref="RolloutDefinition"/>, in either format the
/// fleet accepts: ours (<c>apexfleet.io/v1</c>, <c>kind: Deployment</c>) or the users'
/// (<see cref="OnDeviceManifest"/>). Every error names the file, line, column and field; all of them
/// are reported together.
/// </summary>
public static class DeploymentManifest
{
    public const string ApiVersion = "apexfleet.io/v1";
    public const string Kind = "Deployment";

    /// <summary>The download size assumed when a manifest gives none.</summary>
    public const double DefaultArtifactMegabytes = 10;

    private static readonly (string Api, string Kind, ManifestFormat Format)[] Formats =
    [
        (ApiVersion, Kind, ManifestFormat.ApexFleet),
        (OnDeviceManifest.ApiVersion, OnDeviceManifest.Kind, ManifestFormat.OnDevice),
    ];

    private static string Accepted => string.Join(" or ", Formats.Select(f => $"apiVersion {f.Api} with kind {f.Kind}"));

    /// <summary>
    /// Reads a manifest of one document. A file of several (<c>---</c>) is an error naming the second
    /// document: a deployment is one rollout; <see cref="ParseAll"/> reads each.
    /// <paramref name="fleet"/> sizes the default progression and knows the running version (default: <see cref="FleetContext.Default"/>).
    /// </summary>
    public static RolloutDefinition Parse(string source, string yaml, FleetContext? fleet = null)
    {
        var documents = YamlFields.LoadDocuments(source, yaml);
        if (documents.Count > 1)
        {
            throw new ManifestException([new ManifestError(source, (int)documents[1].Start.Line, (int)documents[1].Start.Column, "(document 2)",
                $"the file holds {documents.Count} documents (separated by ---); a deployment is one: split the file, or check them all with `apexfleet validate`")]);
        }

        var fields = new YamlFields(source);
        var definition = ReadDocument(fields, documents[0], "", fleet);
        fields.ThrowIfAny();
        return definition!;
    }

    /// <summary>
    /// Reads every document of a file on its own: one document's errors do not hide another's
    /// definition. Broken YAML is still thrown, for it leaves no documents to tell apart.
    /// </summary>
    public static IReadOnlyList<ManifestDocument> ParseAll(string source, string yaml, FleetContext? fleet = null)
    {
        var documents = YamlFields.LoadDocuments(source, yaml);
        var read = new List<ManifestDocument>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var fields = new YamlFields(source);
            var (format, definition, previousFrom) = Read(fields, documents[i], "", fleet ?? FleetContext.Default);
            read.Add(new ManifestDocument(i + 1, format, fields.Errors.Count == 0 ? definition : null, previousFrom, fields.Errors.ToList()));
        }

        return read;
    }

    /// <summary>
    /// Reads one deployment document of either format, found at <paramref name="path"/> (empty at the
    /// top of a file, <c>deployment</c> inside a scenario); errors go to <paramref name="fields"/>.
    /// </summary>
    public static RolloutDefinition? ReadDocument(YamlFields fields, YamlMappingNode document, string path, FleetContext? fleet = null) =>
        Read(fields, document, path, fleet ?? FleetContext.Default).Definition;

    /// <summary>The format a document declares, or null (reported) when its apiVersion and kind are no accepted pair.</summary>
    public static ManifestFormat? FormatOf(YamlFields fields, YamlMappingNode document, string path)
    {
        var api = fields.String(document, "apiVersion", OnDeviceManifest.At(path, "apiVersion"));
        var kind = fields.String(document, "kind", OnDeviceManifest.At(path, "kind"));
        if (api is null || kind is null)
        {
            return null;
        }

        foreach (var format in Formats)
        {
            if (format.Api == api && format.Kind == kind)
            {
                return format.Format;
            }
        }

        var known = Formats.Any(f => f.Api == api);
        fields.Error(fields.Child(document, known ? "kind" : "apiVersion"), OnDeviceManifest.At(path, known ? "kind" : "apiVersion"),
            $"apiVersion '{api}' with kind '{kind}' is no manifest format; expected {Accepted}");
        return null;
    }

    private static (ManifestFormat? Format, RolloutDefinition? Definition, string? PreviousFrom) Read(YamlFields fields, YamlMappingNode document, string path, FleetContext fleet)
    {
        var format = FormatOf(fields, document, path);
        switch (format)
        {
            case ManifestFormat.OnDevice:
                var (definition, previousFrom) = OnDeviceManifest.Read(fields, document, path, fleet);
                return (format, definition, previousFrom);
            case ManifestFormat.ApexFleet:
                return (format, ReadOwn(fields, document, path), OnDeviceManifest.At(path, "spec.model.previousVersion"));
            default:
                // A document of another kind has other fields: naming them all would bury the one error.
                return (null, null, null);
        }
    }

    private static RolloutDefinition? ReadOwn(YamlFields fields, YamlMappingNode root, string path)
    {
        fields.RejectUnknown(root, path, "apiVersion", "kind", "metadata", "spec");
        var at = OnDeviceManifest.At(path, "metadata");
        var metadata = fields.Mapping(root, "metadata", at);
        string? name = null, nameSpace = null;
        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        if (metadata is not null)
        {
            fields.RejectUnknown(metadata, at, "name", "namespace", "labels");
            name = fields.String(metadata, "name", $"{at}.name");
            nameSpace = fields.String(metadata, "namespace", $"{at}.namespace", required: false);
            labels = OnDeviceManifest.Texts(fields, metadata, "labels", $"{at}.labels");
        }

        var spec = fields.Mapping(root, "spec", OnDeviceManifest.At(path, "spec"));
        var definition = spec is null ? null : ReadSpec(fields, spec, OnDeviceManifest.At(path, "spec"), name ?? "");
        return definition is null || (nameSpace is null && labels.Count == 0)
            ? definition
            : definition with { Labels = new RolloutLabels(nameSpace, definition.Labels?.AppName, labels) };
    }

    /// <summary>Reads a spec of our format (<c>kind: Deployment</c>): its stages are explicit, so no fleet sizes them.</summary>
    public static RolloutDefinition? ReadSpec(YamlFields fields, YamlMappingNode spec, string path, string name)
    {
        fields.RejectUnknown(spec, path, "model", "seed", "stages", "privacy", "selection", "appName", "registryUrl", "targeting", "guardrails", "resources", "monitorWindow", "progression", "budget", ManifestCloudFallback.Key);
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
            megabytes = fields.Number(model, "sizeMB", $"{at}.sizeMB", 0.001, 100_000, required: false, fallback: DefaultArtifactMegabytes) ?? DefaultArtifactMegabytes;
            sizes = ReadVariants(fields, model, $"{at}.variants");
            if (version is not null && version == previous)
            {
                fields.Error(fields.Child(model, "previousVersion"), $"{at}.previousVersion", $"must differ from version ('{version}')");
            }
        }

        var seed = fields.Integer(spec, "seed", $"{path}.seed", 0, long.MaxValue, required: false, fallback: 0) ?? 0;
        var guardrails = ReadGuardrails(fields, spec, $"{path}.guardrails");
        var resources = ReadResources(fields, spec, $"{path}.resources");
        var fallback = ManifestCloudFallback.Read(fields, spec, $"{path}.{ManifestCloudFallback.Key}");
        var stages = ReadStages(fields, spec, $"{path}.stages")
            .Select(s => s with { Gates = ManifestGates.WithGuards(s.Gates, guardrails, resources) })
            .ToList();
        Privacy.PrivacyPolicy? privacy = null;
        if (fields.Mapping(spec, "privacy", $"{path}.privacy", required: false) is { } privacyNode)
        {
            fields.RejectUnknown(privacyNode, $"{path}.privacy", "epsilon", "dailyBudget");
            if (fields.Number(privacyNode, "epsilon", $"{path}.privacy.epsilon", 0.001, 100) is { } epsilon)
            {
                var budget = fields.Number(privacyNode, "dailyBudget", $"{path}.privacy.dailyBudget", epsilon, 100_000, required: false);
                privacy = budget is { } b ? new Privacy.PrivacyPolicy(epsilon, b) : Privacy.PrivacyPolicy.WithDefaultBudget(epsilon);
            }
        }

        var appName = fields.String(spec, "appName", $"{path}.appName", required: false);
        var registry = OnDeviceManifest.RegistryUrl(fields, spec, "registryUrl", $"{path}.registryUrl");
        var targeting = ReadTargeting(fields, spec, $"{path}.targeting");
        var monitor = fields.Duration(spec, "monitorWindow", $"{path}.monitorWindow", required: false, fallback: TimeSpan.Zero)!.Value;
        var selection = ReadSelection(fields, spec, $"{path}.selection", sizes);
        var progression = DecisionFields.Progression(fields, spec, $"{path}.progression");
        var costBudget = ManifestBudget.Read(fields, spec, $"{path}.budget");
        return modelId is null || version is null || previous is null
            ? null
            : new RolloutDefinition(
                name, modelId, version, previous, precision, megabytes, (ulong)seed, stages, privacy, selection,
                appName is null ? null : new RolloutLabels(null, appName, new Dictionary<string, string>(StringComparer.Ordinal)),
                targeting, guardrails, resources, monitor, registry, fallback, progression, costBudget);
    }

    private static Guardrails? ReadGuardrails(YamlFields fields, YamlMappingNode spec, string path)
    {
        if (fields.Mapping(spec, "guardrails", path, required: false) is not { } node)
        {
            return null;
        }

        fields.RejectUnknown(node, path, "biasDetection", "explainability");
        return new Guardrails(
            fields.Boolean(node, "biasDetection", $"{path}.biasDetection", required: false, fallback: false)!.Value,
            fields.Choice(node, "explainability", $"{path}.explainability", OnDeviceManifest.ExplainabilityLevels, required: false, fallback: ExplainabilityLevel.None));
    }

    private static ResourceLimits? ReadResources(YamlFields fields, YamlMappingNode spec, string path)
    {
        if (fields.Mapping(spec, "resources", path, required: false) is not { } node)
        {
            return null;
        }

        fields.RejectUnknown(node, path, "cpuMaxPercent", "cpuDurationSeconds", "memoryMaxMB");
        var cpu = fields.Number(node, "cpuMaxPercent", $"{path}.cpuMaxPercent", 0, 100, required: false);
        var seconds = OnDeviceManifest.PositiveNumber(fields, node, "cpuDurationSeconds", $"{path}.cpuDurationSeconds", required: cpu is not null);
        var memory = OnDeviceManifest.PositiveNumber(fields, node, "memoryMaxMB", $"{path}.memoryMaxMB", required: false);
        return new ResourceLimits(cpu, TimeSpan.FromSeconds(seconds ?? 0), memory);
    }

    private static readonly Dictionary<string, DevicePlatform> Platforms = new(StringComparer.Ordinal)
    {
        ["android"] = DevicePlatform.Android,
        ["ios"] = DevicePlatform.Ios,
    };

    private static Targeting? ReadTargeting(YamlFields fields, YamlMappingNode spec, string path)
    {
        if (fields.Child(spec, "targeting") is null)
        {
            return null;
        }

        var platforms = new List<PlatformTarget>();
        foreach (var (item, i) in fields.Sequence(spec, "targeting", path).Select((n, i) => (n, i)))
        {
            var at = $"{path}[{i}]";
            if (item is not YamlMappingNode node)
            {
                fields.Error(item, at, "must be a mapping with platform and, optionally, minOsVersion, minSdk and architectures");
                continue;
            }

            fields.RejectUnknown(node, at, "platform", "minOsVersion", "minSdk", "architectures");
            var platform = fields.Choice(node, "platform", $"{at}.platform", Platforms);
            var os = fields.String(node, "minOsVersion", $"{at}.minOsVersion", required: false);
            var sdk = (int?)fields.Integer(node, "minSdk", $"{at}.minSdk", 1, 100, required: false);
            if (os is not null && (platform != DevicePlatform.Ios || !OsVersions.IsValid(os)))
            {
                fields.Error(fields.Child(node, "minOsVersion"), $"{at}.minOsVersion", platform == DevicePlatform.Ios ? $"must be a release such as 15 or 15.2 (got '{os}')" : "applies to ios; android uses minSdk");
            }

            if (sdk is not null && platform != DevicePlatform.Android)
            {
                fields.Error(fields.Child(node, "minSdk"), $"{at}.minSdk", "applies to android; ios uses minOsVersion");
            }

            platforms.Add(new PlatformTarget(platform, os, sdk, OnDeviceManifest.ReadArchitectures(fields, node, $"{at}.architectures")));
        }

        return new Targeting(platforms);
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

            fields.RejectUnknown(node, at, "name", "percent", "bakeWindow", "gates", "inconclusive");
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
            stages.Add(new RolloutStage(name, percent ?? 0, bake, gates, DecisionFields.Inconclusive(fields, node, $"{at}.inconclusive")));
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

            fields.RejectUnknown(node, at, "metric", "operator", "threshold", "minSamples", "scope", "tolerance", "inconclusive");
            var metric = fields.String(node, "metric", $"{at}.metric");
            if (metric is not null && !GateMetrics.IsKnown(metric))
            {
                fields.Error(fields.Child(node, "metric"), $"{at}.metric", $"unknown metric '{metric}';{EditDistance.Suggest(metric, GateMetrics.Names)} known: {string.Join(", ", GateMetrics.Names)}");
            }

            var op = fields.Choice(node, "operator", $"{at}.operator", ManifestGates.Operators);
            var threshold = fields.Number(node, "threshold", $"{at}.threshold", double.MinValue, double.MaxValue);
            var minSamples = fields.Integer(node, "minSamples", $"{at}.minSamples", 1, long.MaxValue, required: false, fallback: 100) ?? 100;
            var scope = fields.Choice(node, "scope", $"{at}.scope", ManifestGates.Scopes, required: false, fallback: GateScope.Cohort);
            var tolerance = DecisionFields.Tolerance(fields, node, $"{at}.tolerance");
            var inconclusive = DecisionFields.Inconclusive(fields, node, $"{at}.inconclusive");
            if (metric is not null && threshold is not null && fields.Child(node, "operator") is not null)
            {
                gates.Add(new GateSpec(metric, op, threshold.Value, minSamples, scope, tolerance, inconclusive));
            }
        }

        return gates;
    }
}

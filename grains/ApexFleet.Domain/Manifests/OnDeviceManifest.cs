using System.Text.RegularExpressions;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Privacy;
using ApexFleet.Domain.Rollout;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Reads the users' format (<c>apiVersion: mobileai.apexlogic.com/v1</c>, <c>kind: OnDeviceModelDeployment</c>)
/// into the same <see cref="RolloutDefinition"/> as ours. It names a strategy and thresholds, not
/// stages: those come from <see cref="DefaultProgression"/> unless <c>deploymentStrategy.stages</c> lists them.
/// </summary>
public static partial class OnDeviceManifest
{
    public const string ApiVersion = "mobileai.apexlogic.com/v1";
    public const string Kind = "OnDeviceModelDeployment";

    /// <summary>Where a manifest of this format names the version it replaces (the format itself has no field for it).</summary>
    public const string PreviousVersionAnnotation = "apexfleet.io/previous-version";

    /// <summary>Gates keep watching this long after everyone runs the new version, unless <c>spec.monitorAfterCompletion</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultMonitorWindow = TimeSpan.FromDays(7);

    /// <summary>The CPU architectures (ABIs) phones report.</summary>
    public static readonly IReadOnlyList<string> Architectures = ["arm64", "arm64-v8a", "armeabi-v7a", "x86_64", "x86"];

    private static readonly Dictionary<string, RolloutStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["Canary"] = RolloutStrategy.Canary,
        ["RollingUpdate"] = RolloutStrategy.RollingUpdate,
    };

    public static readonly IReadOnlyDictionary<string, ExplainabilityLevel> ExplainabilityLevels = new Dictionary<string, ExplainabilityLevel>(StringComparer.Ordinal)
    {
        ["none"] = ExplainabilityLevel.None,
        ["low"] = ExplainabilityLevel.Low,
        ["medium"] = ExplainabilityLevel.Medium,
        ["high"] = ExplainabilityLevel.High,
    };

    [GeneratedRegex(@"-(?:quantized-)?(?<precision>fp32|fp16|int8|int4)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PrecisionSuffix();

    [GeneratedRegex(@"^differential_privacy_epsilon_(?<epsilon>\d+(?:\.\d+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrivacyMode();

    /// <summary>The precision a version string carries in its suffix (<c>2.1.0-quantized-int8</c>, <c>-fp16</c>, <c>-int4</c>); FP32 without one.</summary>
    public static Precision PrecisionOf(string version) =>
        PrecisionSuffix().Match(version) is { Success: true } match && PrecisionNames.TryParse(match.Groups["precision"].Value, out var precision)
            ? precision
            : Precision.Fp32;

    internal static (RolloutDefinition? Definition, string? PreviousFrom) Read(YamlFields f, YamlMappingNode root, string path, FleetContext fleet)
    {
        f.RejectUnknown(root, path, "apiVersion", "kind", "metadata", "spec");
        string? name = null, previous = null, previousFrom = null, nameSpace = null;
        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        YamlNode? previousNode = null;
        if (f.Mapping(root, "metadata", At(path, "metadata")) is { } metadata)
        {
            var at = At(path, "metadata");
            f.RejectUnknown(metadata, at, "name", "namespace", "labels", "annotations");
            name = f.String(metadata, "name", $"{at}.name");
            nameSpace = f.String(metadata, "namespace", $"{at}.namespace", required: false);
            labels = Texts(f, metadata, "labels", $"{at}.labels");
            var annotations = Texts(f, metadata, "annotations", $"{at}.annotations");
            if (annotations.TryGetValue(PreviousVersionAnnotation, out var annotated))
            {
                previous = annotated;
                previousFrom = $"metadata.annotations[\"{PreviousVersionAnnotation}\"]";
                previousNode = f.Mapping(metadata, "annotations", $"{at}.annotations");
            }
        }

        var spec = f.Mapping(root, "spec", At(path, "spec"));
        if (spec is null)
        {
            return (null, null);
        }

        var s = At(path, "spec");
        f.RejectUnknown(spec, s, "appName", "modelId", "modelVersion", "modelRegistryUrl", "targetPlatforms", "deploymentStrategy", "responsibleAIGuardrails", "resourceConstraints", "monitorAfterCompletion", "budget", ManifestCloudFallback.Key);
        var appName = f.String(spec, "appName", $"{s}.appName", required: false);
        var modelId = f.String(spec, "modelId", $"{s}.modelId");
        var version = f.String(spec, "modelVersion", $"{s}.modelVersion");
        var registry = RegistryUrl(f, spec, "modelRegistryUrl", $"{s}.modelRegistryUrl");
        var targeting = ReadPlatforms(f, spec, $"{s}.targetPlatforms");
        var guardrails = ReadGuardrails(f, spec, $"{s}.responsibleAIGuardrails", out var privacy);
        var resources = ReadResources(f, spec, $"{s}.resourceConstraints");
        var fallback = ManifestCloudFallback.Read(f, spec, $"{s}.{ManifestCloudFallback.Key}");
        var monitor = f.Duration(spec, "monitorAfterCompletion", $"{s}.monitorAfterCompletion", required: false, fallback: DefaultMonitorWindow)!.Value;
        var stages = ReadStrategy(f, spec, $"{s}.deploymentStrategy", guardrails, resources, fleet);
        var progression = f.Child(spec, "deploymentStrategy") is YamlMappingNode strategy
            ? DecisionFields.Progression(f, strategy, $"{s}.deploymentStrategy.progression")
            : Progression.PerCohort;
        var budget = ManifestBudget.Read(f, spec, $"{s}.budget");

        if (version is not null)
        {
            if (previous is null && fleet.RunningVersion is { } running)
            {
                previous = running;
                previousFrom = "the fleet (the version it runs now)";
            }

            if (previous is null)
            {
                f.Error(f.Child(spec, "modelVersion"), $"{s}.modelVersion", $"no previous version to compare with: add metadata.annotations: {{ \"{PreviousVersionAnnotation}\": \"<version the fleet runs now>\" }}, or start the rollout where the fleet's running version is known");
            }
            else if (previous == version)
            {
                f.Error(previousNode ?? f.Child(spec, "modelVersion"), previousNode is null ? $"{s}.modelVersion" : $"{At(path, "metadata")}.annotations", $"the previous version must differ from modelVersion ('{version}')");
            }
        }

        var owner = nameSpace is null && appName is null && labels.Count == 0 ? null : new RolloutLabels(nameSpace, appName, labels);
        if (name is null || modelId is null || version is null || previous is null || stages is null)
        {
            return (null, previousFrom);
        }

        return (new RolloutDefinition(
            name, modelId, version, previous, PrecisionOf(version), DeploymentManifest.DefaultArtifactMegabytes, 0, stages,
            privacy, null, owner, targeting, guardrails, resources, monitor, registry, fallback, progression, budget), previousFrom);
    }

    private static List<RolloutStage>? ReadStrategy(YamlFields f, YamlMappingNode spec, string path, Guardrails? guardrails, ResourceLimits? resources, FleetContext fleet)
    {
        if (f.Mapping(spec, "deploymentStrategy", path) is not { } node)
        {
            return null;
        }

        f.RejectUnknown(node, path, "type", "percentage", "metrics", "stages", "progression", "inconclusive");
        var strategy = f.Choice(node, "type", $"{path}.type", Strategies);
        var listed = f.Child(node, "stages") is not null;
        var percentage = f.Number(node, "percentage", $"{path}.percentage", 0, 100, required: !listed);
        if (percentage is 0 or 100)
        {
            f.Error(f.Child(node, "percentage"), $"{path}.percentage", $"must be above 0 and below 100 (got {percentage}): the first stage is a part of the fleet");
            percentage = null;
        }

        var gates = ManifestGates.WithGuards(ReadMetrics(f, node, $"{path}.metrics"), guardrails, resources);
        var limit = DecisionFields.Inconclusive(f, node, $"{path}.inconclusive");
        if (listed)
        {
            return ReadStages(f, node, $"{path}.stages", percentage, gates, limit, fleet);
        }

        return percentage is not { } p || f.Child(node, "type") is null
            ? null
            : DefaultProgression.Percentages(strategy, p)
                .Select((percent, i) => new RolloutStage($"stage-{i + 1}", percent, DefaultProgression.BakeWindow(gates, percent, fleet), gates, limit))
                .ToList();
    }

    private static List<RolloutStage>? ReadStages(
        YamlFields f, YamlMappingNode strategy, string path, double? percentage, IReadOnlyList<GateSpec> gates, InconclusivePolicy? limit, FleetContext fleet)
    {
        var nodes = f.Sequence(strategy, "stages", path);
        if (nodes.Count == 0)
        {
            f.Error(f.Child(strategy, "stages"), path, "must list at least one stage");
            return null;
        }

        var stages = new List<RolloutStage>();
        double last = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                f.Error(nodes[i], at, "must be a mapping with percentage and, optionally, bakeWindow and pause");
                continue;
            }

            f.RejectUnknown(node, at, "percentage", "bakeWindow", "pause", "inconclusive");
            var percent = f.Number(node, "percentage", $"{at}.percentage", 0.0001, 100);
            if (percent is { } p)
            {
                if (p <= last)
                {
                    f.Error(f.Child(node, "percentage"), $"{at}.percentage", $"must be above the previous stage's {last}%");
                }
                else if (i == 0 && percentage is { } first && p != first)
                {
                    f.Error(f.Child(node, "percentage"), $"{at}.percentage", $"must equal deploymentStrategy.percentage ({first}), the first stage, or leave that out");
                }

                last = Math.Max(last, p);
            }

            var bake = f.Duration(node, "bakeWindow", $"{at}.bakeWindow", required: false) ?? DefaultProgression.BakeWindow(gates, percent ?? 100, fleet);
            var pause = f.Duration(node, "pause", $"{at}.pause", required: false) ?? TimeSpan.Zero;
            stages.Add(new RolloutStage($"stage-{i + 1}", percent ?? 0, bake > pause ? bake : pause, gates, DecisionFields.Inconclusive(f, node, $"{at}.inconclusive") ?? limit));
        }

        if (last < 100)
        {
            f.Error(nodes[^1], $"{path}[{nodes.Count - 1}].percentage", "the last stage must reach 100%");
        }

        return stages;
    }

    private static List<GateSpec> ReadMetrics(YamlFields f, YamlMappingNode strategy, string path)
    {
        var gates = new List<GateSpec>();
        var nodes = f.Sequence(strategy, "metrics", path, required: false);
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                f.Error(nodes[i], at, "must be a mapping with name, threshold and operator");
                continue;
            }

            f.RejectUnknown(node, at, "name", "threshold", "operator", "minSamples", "scope", "tolerance", "inconclusive");
            var written = f.String(node, "name", $"{at}.name");
            var metric = written is null ? null : ManifestGates.Resolve(written);
            if (written is not null && metric is null)
            {
                f.Error(f.Child(node, "name"), $"{at}.name", $"unknown metric '{written}';{EditDistance.Suggest(written, ManifestGates.AcceptedNames)} known: {string.Join(", ", ManifestGates.AcceptedNames)}");
            }

            var threshold = f.Number(node, "threshold", $"{at}.threshold", double.MinValue, double.MaxValue);
            var op = f.Choice(node, "operator", $"{at}.operator", ManifestGates.Operators);
            var minSamples = f.Integer(node, "minSamples", $"{at}.minSamples", 1, long.MaxValue, required: false);
            var scope = f.Choice(node, "scope", $"{at}.scope", ManifestGates.Scopes, required: false, fallback: metric is null ? GateScope.Cohort : ManifestGates.DefaultScope(metric));
            var tolerance = DecisionFields.Tolerance(f, node, $"{at}.tolerance");
            var inconclusive = DecisionFields.Inconclusive(f, node, $"{at}.inconclusive");
            if (metric is null || threshold is not { } t || f.Child(node, "operator") is not YamlScalarNode { Value: { } opText } || !ManifestGates.Operators.ContainsKey(opText))
            {
                continue;
            }

            minSamples ??= DefaultProgression.MinSamples(metric, t);
            if (minSamples is null)
            {
                f.Error(f.Child(node, "threshold"), $"{at}.threshold", $"a threshold of {t} leaves no noise to size the gate's samples from; give {at}.minSamples");
                continue;
            }

            gates.Add(new GateSpec(metric, op, t, minSamples.Value, scope, tolerance, inconclusive));
        }

        return gates;
    }

    private static Targeting? ReadPlatforms(YamlFields f, YamlMappingNode spec, string path)
    {
        if (f.Child(spec, "targetPlatforms") is null)
        {
            return null;
        }

        var platforms = new List<PlatformTarget>();
        var nodes = f.Sequence(spec, "targetPlatforms", path);
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (nodes[i] is not YamlMappingNode { Children.Count: 1 } item)
            {
                f.Error(nodes[i], at, "must be a mapping with one key, ios or android");
                continue;
            }

            f.RejectUnknown(item, at, "ios", "android");
            if (f.Mapping(item, "ios", $"{at}.ios", required: false) is { } ios)
            {
                f.RejectUnknown(ios, $"{at}.ios", "minVersion", "architectures");
                var min = f.String(ios, "minVersion", $"{at}.ios.minVersion", required: false);
                if (min is not null && !OsVersions.IsValid(min))
                {
                    f.Error(f.Child(ios, "minVersion"), $"{at}.ios.minVersion", $"must be a release such as 15 or 15.2 (got '{min}')");
                }

                platforms.Add(new PlatformTarget(DevicePlatform.Ios, min, null, ReadArchitectures(f, ios, $"{at}.ios.architectures")));
            }
            else if (f.Mapping(item, "android", $"{at}.android", required: false) is { } android)
            {
                f.RejectUnknown(android, $"{at}.android", "minSDK", "architectures");
                var sdk = f.Integer(android, "minSDK", $"{at}.android.minSDK", 1, 100, required: false);
                platforms.Add(new PlatformTarget(DevicePlatform.Android, null, (int?)sdk, ReadArchitectures(f, android, $"{at}.android.architectures")));
            }
        }

        return new Targeting(platforms);
    }

    /// <summary>Architectures of a platform entry, each one phones report (our format reads the same list).</summary>
    internal static List<string> ReadArchitectures(YamlFields f, YamlMappingNode node, string path)
    {
        var known = new List<string>();
        foreach (var (item, i) in f.Sequence(node, "architectures", path, required: false).Select((n, i) => (n, i)))
        {
            var abi = (item as YamlScalarNode)?.Value ?? "";
            if (!Architectures.Contains(abi, StringComparer.Ordinal))
            {
                f.Error(item, $"{path}[{i}]", $"unknown architecture '{abi}';{EditDistance.Suggest(abi, Architectures)} known: {string.Join(", ", Architectures)}");
                continue;
            }

            known.Add(abi);
        }

        return known;
    }

    private static Guardrails? ReadGuardrails(YamlFields f, YamlMappingNode spec, string path, out PrivacyPolicy? privacy)
    {
        privacy = null;
        if (f.Mapping(spec, "responsibleAIGuardrails", path, required: false) is not { } node)
        {
            return null;
        }

        f.RejectUnknown(node, path, "biasDetectionEnabled", "explainabilityLevel", "privacyMode");
        var bias = f.Boolean(node, "biasDetectionEnabled", $"{path}.biasDetectionEnabled", required: false, fallback: false)!.Value;
        var level = f.Choice(node, "explainabilityLevel", $"{path}.explainabilityLevel", ExplainabilityLevels, required: false, fallback: ExplainabilityLevel.None);
        if (f.String(node, "privacyMode", $"{path}.privacyMode", required: false) is { } mode && mode != "none")
        {
            if (PrivacyMode().Match(mode) is { Success: true } match
                && double.TryParse(match.Groups["epsilon"].Value, System.Globalization.CultureInfo.InvariantCulture, out var epsilon)
                && epsilon is > 0 and <= 100)
            {
                privacy = PrivacyPolicy.WithDefaultBudget(epsilon);
            }
            else
            {
                f.Error(f.Child(node, "privacyMode"), $"{path}.privacyMode", $"must be none or differential_privacy_epsilon_X with X a number above 0 and at most 100, e.g. differential_privacy_epsilon_1.0 (got '{mode}')");
            }
        }

        return new Guardrails(bias, level);
    }

    private static ResourceLimits? ReadResources(YamlFields f, YamlMappingNode spec, string path)
    {
        if (f.Mapping(spec, "resourceConstraints", path, required: false) is not { } node)
        {
            return null;
        }

        f.RejectUnknown(node, path, "cpuUsage", "memoryUsage");
        double? cpu = null, memory = null;
        var duration = TimeSpan.Zero;
        if (f.Mapping(node, "cpuUsage", $"{path}.cpuUsage", required: false) is { } cpuNode)
        {
            f.RejectUnknown(cpuNode, $"{path}.cpuUsage", "maxPercent", "durationSeconds");
            cpu = f.Number(cpuNode, "maxPercent", $"{path}.cpuUsage.maxPercent", 0, 100);
            duration = TimeSpan.FromSeconds(PositiveNumber(f, cpuNode, "durationSeconds", $"{path}.cpuUsage.durationSeconds") ?? 0);
        }

        if (f.Mapping(node, "memoryUsage", $"{path}.memoryUsage", required: false) is { } memoryNode)
        {
            f.RejectUnknown(memoryNode, $"{path}.memoryUsage", "maxMB");
            memory = PositiveNumber(f, memoryNode, "maxMB", $"{path}.memoryUsage.maxMB");
        }

        return new ResourceLimits(cpu, duration, memory);
    }

    /// <summary>A number above zero (a limit of 0 MB or 0 s would stop everything).</summary>
    internal static double? PositiveNumber(YamlFields f, YamlMappingNode node, string key, string path, bool required = true)
    {
        var value = f.Number(node, key, path, 0, double.MaxValue, required);
        if (value is 0)
        {
            f.Error(f.Child(node, key), path, "must be above 0 (got 0)");
            return null;
        }

        return value;
    }

    /// <summary>An absolute http(s) URL: agents fetch artifacts from it.</summary>
    internal static string? RegistryUrl(YamlFields f, YamlMappingNode node, string key, string path)
    {
        var text = f.String(node, key, path, required: false);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            f.Error(f.Child(node, key), path, $"must be an absolute http(s) URL such as https://registry.example.com (got '{text}')");
            return null;
        }

        return text;
    }

    /// <summary>A mapping of text to text (labels, annotations).</summary>
    internal static Dictionary<string, string> Texts(YamlFields f, YamlMappingNode parent, string key, string path)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.Mapping(parent, key, path, required: false) is not { } node)
        {
            return texts;
        }

        foreach (var (name, _, value) in f.Entries(node, path))
        {
            if (value is YamlScalarNode { Value: { } text })
            {
                texts[name] = text;
            }
            else
            {
                f.Error(value, $"{path}.{name}", "must be a text value");
            }
        }

        return texts;
    }

    internal static string At(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

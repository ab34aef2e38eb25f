using System.Globalization;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Manifests;
using ApexFleet.Simulator.Catalogue;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Simulator.Scenarios;

/// <summary>Reads a scenario file (<c>kind: Scenario</c>); every error names file, line and field.</summary>
public static class ScenarioReader
{
    public const string DefaultScenarioName = "default-scenario.yaml";

    private static readonly Dictionary<string, FaultKind> FaultKinds = new(StringComparer.Ordinal)
    {
        ["latencyRegression"] = FaultKind.LatencyRegression,
        ["crashSpike"] = FaultKind.CrashSpike,
        ["batteryRegression"] = FaultKind.BatteryRegression,
        ["accuracyLoss"] = FaultKind.AccuracyLoss,
        ["outputDrift"] = FaultKind.OutputDrift,
        ["conversionDrop"] = FaultKind.ConversionDrop,
        ["cpuRegression"] = FaultKind.CpuRegression,
        ["memoryRegression"] = FaultKind.MemoryRegression,
        ["selectionDrop"] = FaultKind.SelectionDrop,
        ["tamperedArtifact"] = FaultKind.TamperedArtifact,
    };

    public static Scenario Default() => Parse("examples/default.yaml", EmbeddedDefaultText());

    public static string EmbeddedDefaultText()
    {
        using var stream = typeof(ScenarioReader).Assembly.GetManifestResourceStream(DefaultScenarioName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static Scenario Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ManifestException([new ManifestError(path, 0, 0, "(file)", "no such scenario file")]);
        }

        return Parse(path, ManifestLimits.ReadFile(path));
    }

    public static Scenario Parse(string source, string yaml, ChipsetCatalogue? catalogue = null)
    {
        catalogue ??= ChipsetCatalogue.Default;
        var root = YamlFields.LoadRoot(source, yaml);
        var f = new YamlFields(source);
        f.RejectUnknown(root, "", "apiVersion", "kind", "metadata", "modelFamily", "fleet", "simulation", "models", "faults", "deployment");
        if (f.String(root, "kind", "kind") is { } kind && kind != "Scenario")
        {
            f.Error(f.Child(root, "kind"), "kind", $"must be Scenario (got '{kind}')");
        }

        var metadata = f.Mapping(root, "metadata", "metadata");
        var name = metadata is null ? "scenario" : f.String(metadata, "name", "metadata.name") ?? "scenario";
        var modelFamily = f.String(root, "modelFamily", "modelFamily", required: false, fallback: ChipsetCatalogue.ReferenceModel)!;
        if (!catalogue.ModelFamilyNames.Contains(modelFamily))
        {
            f.Error(f.Child(root, "modelFamily"), "modelFamily", $"unknown model family '{modelFamily}'; known: {string.Join(", ", catalogue.ModelFamilyNames)}");
        }

        var fleet = ReadFleet(f, f.Mapping(root, "fleet", "fleet"), catalogue);
        var simulation = ReadSimulation(f, f.Mapping(root, "simulation", "simulation"));
        var models = ReadModels(f, f.Mapping(root, "models", "models"));
        var faults = ReadFaults(f, root, models, catalogue, fleet);

        var deploymentNode = f.Mapping(root, "deployment", "deployment");
        string manifestYaml = "";
        Domain.Rollout.FleetContext? context = null;
        Domain.Rollout.RolloutDefinition? deployment = null;
        if (deploymentNode is not null)
        {
            // Either manifest format; one without a previous version replaces the first version under
            // models, and its default stages are sized for this scenario's fleet.
            var perHour = simulation is null ? 0 : simulation.InferencesPerTick / simulation.Tick.TotalHours;
            context = new Domain.Rollout.FleetContext(fleet?.Devices ?? 1, perHour, models.Keys.FirstOrDefault(), simulation is null ? null : Telemetry.TelemetryModel.Cycle(simulation));
            deployment = DeploymentManifest.ReadDocument(f, deploymentNode, "deployment", context);
            manifestYaml = Serialize(deploymentNode);
            if (deployment is not null)
            {
                foreach (var version in new[] { deployment.TargetVersion, deployment.PreviousVersion })
                {
                    if (!models.ContainsKey(version))
                    {
                        f.Error(deploymentNode, "deployment.spec", $"version '{version}' is not described under models");
                    }
                }
            }
        }

        f.ThrowIfAny();
        return new Scenario(name, source, fleet!, simulation!, models, faults, deployment!, manifestYaml, context, modelFamily);
    }

    private static FleetSpec? ReadFleet(YamlFields f, YamlMappingNode? node, ChipsetCatalogue catalogue)
    {
        if (node is null)
        {
            return null;
        }

        f.RejectUnknown(node, "fleet", "devices", "chipsets", "groups", "regions", "groupTierCorrelation");
        var devices = (int)(f.Integer(node, "devices", "fleet.devices", 1, 10_000_000) ?? 1);
        var chipsets = Strings(f, node, "chipsets", "fleet.chipsets");
        if (chipsets.Count == 0)
        {
            chipsets = [.. catalogue.Chipsets.Select(c => c.Family)];
        }

        foreach (var (family, i) in chipsets.Select((c, i) => (c, i)))
        {
            if (!catalogue.Contains(family))
            {
                f.Error(f.Child(node, "chipsets"), $"fleet.chipsets[{i}]", $"unknown chipset family '{family}'; known: {string.Join(", ", catalogue.Chipsets.Select(c => c.Family))}");
            }
        }

        var groups = Strings(f, node, "groups", "fleet.groups");
        var regions = Strings(f, node, "regions", "fleet.regions");
        var correlation = f.Number(node, "groupTierCorrelation", "fleet.groupTierCorrelation", 0, 1, required: false, fallback: 0) ?? 0;
        return new FleetSpec(devices, chipsets, groups.Count > 0 ? groups : ["group-a", "group-b"], regions.Count > 0 ? regions : ["eu", "us", "apac"], correlation);
    }

    private static SimulationSpec? ReadSimulation(YamlFields f, YamlMappingNode? node)
    {
        if (node is null)
        {
            return null;
        }

        const string at = "simulation";
        f.RejectUnknown(node, at, "seed", "start", "duration", "tick", "inferencesPerTick", "installFailureRate", "downloadMbps", "crashRatePerInference", "cloudFallbackMs");
        var seed = f.Integer(node, "seed", $"{at}.seed", 0, long.MaxValue, required: false, fallback: 1) ?? 1;
        var startText = f.String(node, "start", $"{at}.start", required: false, fallback: "2026-01-05T06:00:00Z")!;
        if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            f.Error(f.Child(node, "start"), $"{at}.start", $"must be an ISO 8601 time such as 2026-01-05T06:00:00Z (got '{startText}')");
        }

        var duration = f.Duration(node, "duration", $"{at}.duration") ?? TimeSpan.FromHours(1);
        var tick = f.Duration(node, "tick", $"{at}.tick", required: false, fallback: TimeSpan.FromMinutes(10)) ?? TimeSpan.FromMinutes(10);
        if (tick <= TimeSpan.Zero || tick > duration)
        {
            f.Error(f.Child(node, "tick"), $"{at}.tick", "must be positive and no longer than the duration");
        }

        return new SimulationSpec(
            (ulong)seed,
            start,
            duration,
            tick,
            f.Number(node, "inferencesPerTick", $"{at}.inferencesPerTick", 0.1, 10_000, required: false, fallback: 12) ?? 12,
            f.Number(node, "installFailureRate", $"{at}.installFailureRate", 0, 1, required: false, fallback: 0.005) ?? 0.005,
            f.Number(node, "downloadMbps", $"{at}.downloadMbps", 0.01, 100_000, required: false, fallback: 20) ?? 20,
            f.Number(node, "crashRatePerInference", $"{at}.crashRatePerInference", 0, 1, required: false, fallback: 0.00002) ?? 0.00002,
            f.Number(node, "cloudFallbackMs", $"{at}.cloudFallbackMs", 0.1, 600_000, required: false, fallback: 50) ?? 50);
    }

    private static Dictionary<string, ModelVersionSpec> ReadModels(YamlFields f, YamlMappingNode? node)
    {
        var models = new Dictionary<string, ModelVersionSpec>(StringComparer.Ordinal);
        if (node is null)
        {
            return models;
        }

        foreach (var (version, _, value) in f.Entries(node, "models"))
        {
            var at = $"models.{version}";
            if (value is not YamlMappingNode spec)
            {
                f.Error(value, at, "must be a mapping with latencyScale, accuracy and optionally conversionRate and deltaPercent");
                continue;
            }

            f.RejectUnknown(spec, at, "latencyScale", "accuracy", "conversionRate", "deltaPercent");
            models[version] = new ModelVersionSpec(
                version,
                f.Number(spec, "latencyScale", $"{at}.latencyScale", 0.01, 100, required: false, fallback: 1) ?? 1,
                f.Number(spec, "accuracy", $"{at}.accuracy", 0, 100) ?? 0,
                f.Child(spec, "conversionRate") is null ? null : f.Number(spec, "conversionRate", $"{at}.conversionRate", 0, 100),
                f.Child(spec, "deltaPercent") is null ? null : f.Number(spec, "deltaPercent", $"{at}.deltaPercent", 0.01, 100));
        }

        return models;
    }

    private static List<FaultSpec> ReadFaults(YamlFields f, YamlMappingNode root, Dictionary<string, ModelVersionSpec> models, ChipsetCatalogue catalogue, FleetSpec? fleet)
    {
        var faults = new List<FaultSpec>();
        var nodes = f.Sequence(root, "faults", "faults", required: false);
        for (var i = 0; i < nodes.Count; i++)
        {
            var at = $"faults[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                f.Error(nodes[i], at, "must be a mapping");
                continue;
            }

            f.RejectUnknown(node, at, "kind", "version", "chipset", "group", "precision", "factor", "rate", "points", "shift", "from", "share");
            var kind = f.Choice(node, "kind", $"{at}.kind", FaultKinds);
            var version = f.String(node, "version", $"{at}.version") ?? "";
            if (version.Length > 0 && !models.ContainsKey(version))
            {
                f.Error(f.Child(node, "version"), $"{at}.version", $"version '{version}' is not described under models");
            }

            var chipset = f.String(node, "chipset", $"{at}.chipset", required: false);
            if (chipset is not null && !catalogue.Contains(chipset))
            {
                f.Error(f.Child(node, "chipset"), $"{at}.chipset", $"unknown chipset family '{chipset}'");
            }

            var group = f.String(node, "group", $"{at}.group", required: false);
            if (group is not null && fleet is not null && !fleet.Groups.Contains(group))
            {
                f.Error(f.Child(node, "group"), $"{at}.group", $"unknown group '{group}'; fleet.groups has {string.Join(", ", fleet.Groups)}");
            }

            Precision? precision = f.Child(node, "precision") is null ? null : f.Choice(node, "precision", $"{at}.precision", PrecisionNames.ByLabel);
            var amount = kind switch
            {
                FaultKind.LatencyRegression or FaultKind.BatteryRegression or FaultKind.CpuRegression or FaultKind.MemoryRegression
                    => f.Number(node, "factor", $"{at}.factor", 0.01, 1000),
                // A drop keeps a share of what there was: 0 removes all, 1 changes nothing.
                FaultKind.ConversionDrop or FaultKind.SelectionDrop => f.Number(node, "factor", $"{at}.factor", 0, 1),
                FaultKind.CrashSpike => f.Number(node, "rate", $"{at}.rate", 0, 1),
                FaultKind.OutputDrift => f.Number(node, "shift", $"{at}.shift", -1, 1),
                // Tampered bytes are refused whatever they hold: the fault has no amount, only a share of devices.
                FaultKind.TamperedArtifact => 1,
                _ => f.Number(node, "points", $"{at}.points", 0, 100),
            };
            var from = f.Duration(node, "from", $"{at}.from", required: false, fallback: TimeSpan.Zero) ?? TimeSpan.Zero;
            var share = f.Number(node, "share", $"{at}.share", 0.0001, 1, required: false, fallback: 1) ?? 1;
            faults.Add(new FaultSpec(kind, version, chipset, group, precision, amount ?? 0, from, share));
        }

        return faults;
    }

    private static List<string> Strings(YamlFields f, YamlMappingNode node, string key, string path)
    {
        var items = new List<string>();
        foreach (var (item, i) in f.Sequence(node, key, path, required: false).Select((n, i) => (n, i)))
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } value })
            {
                items.Add(value);
            }
            else
            {
                f.Error(item, $"{path}[{i}]", "must be a text value");
            }
        }

        return items;
    }

    private static string Serialize(YamlMappingNode node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}

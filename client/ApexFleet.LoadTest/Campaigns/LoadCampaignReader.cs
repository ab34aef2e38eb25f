using ApexFleet.Domain.Manifests;
using ApexFleet.LoadTest.Agents;
using ApexFleet.LoadTest.Targets;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.LoadTest.Campaigns;

/// <summary>Reads a campaign file (<c>kind: LoadCampaign</c>); every error names file, line and field, all at once.</summary>
public static class LoadCampaignReader
{
    private static readonly Dictionary<string, PhaseKind> Kinds = new(StringComparer.Ordinal)
    {
        ["rampUp"] = PhaseKind.RampUp,
        ["steady"] = PhaseKind.Steady,
        ["spike"] = PhaseKind.Spike,
        ["siloKill"] = PhaseKind.SiloKill,
    };

    private static readonly Dictionary<string, string> Transports = new(StringComparer.Ordinal) { ["orleans"] = "orleans", ["http"] = "http" };

    public static LoadCampaign Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ManifestException([new ManifestError(path, 0, 0, "(file)", "no such campaign file")]);
        }

        return Parse(path, ManifestLimits.ReadFile(path), Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses a campaign; relative paths in it (manifest, pid files) are taken from <paramref name="directory"/>.</summary>
    public static LoadCampaign Parse(string source, string yaml, string directory)
    {
        var root = YamlFields.LoadRoot(source, yaml);
        var f = new YamlFields(source);
        f.RejectUnknown(root, "", "apiVersion", "kind", "metadata", "spec");
        if (f.String(root, "kind", "kind") is { } kind && kind != "LoadCampaign")
        {
            f.Error(f.Child(root, "kind"), "kind", $"must be LoadCampaign (got '{kind}')");
        }

        var metadata = f.Mapping(root, "metadata", "metadata");
        var name = metadata is null ? "campaign" : f.String(metadata, "name", "metadata.name") ?? "campaign";
        var spec = f.Mapping(root, "spec", "spec");
        if (spec is null)
        {
            f.ThrowIfAny();
            throw new InvalidOperationException("unreachable: a missing spec is an error");
        }

        f.RejectUnknown(spec, "spec", "target", "agents", "phases", "rollout");
        var target = ReadTarget(f, f.Mapping(spec, "target", "spec.target", required: false));
        var (mix, interval, inference) = ReadAgents(f, f.Mapping(spec, "agents", "spec.agents", required: false));
        var phases = ReadPhases(f, spec, directory);
        var rollout = ReadRollout(f, f.Mapping(spec, "rollout", "spec.rollout", required: false), phases, directory);
        f.ThrowIfAny();
        return new LoadCampaign(name, source, target, mix, interval, inference, phases, rollout);
    }

    private static CampaignTarget ReadTarget(YamlFields f, YamlMappingNode? node)
    {
        var target = new CampaignTarget("orleans", $"127.0.0.1:{LoopbackTarget.DefaultGatewayPort}", $"http://127.0.0.1:{LoopbackTarget.DefaultHttpPort}", "apexfleet", 4);
        if (node is null)
        {
            return target;
        }

        f.RejectUnknown(node, "spec.target", "transport", "gateway", "url", "clusterId", "connections");
        var gateway = f.String(node, "gateway", "spec.target.gateway", required: false, fallback: target.Gateway)!;
        var url = f.String(node, "url", "spec.target.url", required: false, fallback: target.Url)!;
        Loopback(f, node, "gateway", "spec.target.gateway", () => LoopbackTarget.ParseGateway(gateway));
        Loopback(f, node, "url", "spec.target.url", () => LoopbackTarget.ParseUrl(url));
        return new CampaignTarget(
            f.Choice(node, "transport", "spec.target.transport", Transports, required: false, fallback: target.Transport)!,
            gateway,
            url,
            f.String(node, "clusterId", "spec.target.clusterId", required: false, fallback: target.ClusterId)!,
            (int)(f.Integer(node, "connections", "spec.target.connections", 1, LoadLimits.MaxConnections, required: false, fallback: target.Connections) ?? target.Connections));
    }

    private static void Loopback(YamlFields f, YamlMappingNode node, string key, string path, Action parse)
    {
        try
        {
            parse();
        }
        catch (TargetException ex)
        {
            f.Error(f.Child(node, key) ?? node, path, ex.Message);
        }
    }

    private static (AgentMix Mix, TimeSpan Interval, bool Inference) ReadAgents(YamlFields f, YamlMappingNode? node)
    {
        if (node is null)
        {
            return (AgentMix.Default, TimeSpan.FromSeconds(1), true);
        }

        f.RejectUnknown(node, "spec.agents", "interval", "inference", "mix");
        var interval = f.Duration(node, "interval", "spec.agents.interval", required: false, fallback: TimeSpan.FromSeconds(1)) ?? TimeSpan.FromSeconds(1);
        var inference = f.Boolean(node, "inference", "spec.agents.inference", required: false, fallback: true) ?? true;
        var mixNode = f.Mapping(node, "mix", "spec.agents.mix", required: false);
        if (mixNode is null)
        {
            return (AgentMix.Default, interval, inference);
        }

        var weights = new List<(string, double)>();
        foreach (var (chipset, _, _) in f.Entries(mixNode, "spec.agents.mix"))
        {
            if (f.Number(mixNode, chipset, $"spec.agents.mix.{chipset}", 0, 1e9) is { } weight)
            {
                if (weight > 0)
                {
                    weights.Add((chipset, weight));
                }
                else
                {
                    f.Error(f.Child(mixNode, chipset), $"spec.agents.mix.{chipset}", "must be more than 0 (leave a chipset out instead)");
                }
            }
        }

        if (weights.Count == 0)
        {
            f.Error(mixNode, "spec.agents.mix", "names no chipset with a weight");
            return (AgentMix.Default, interval, inference);
        }

        return (new AgentMix(weights), interval, inference);
    }

    private static List<CampaignPhase> ReadPhases(YamlFields f, YamlMappingNode spec, string directory)
    {
        var phases = new List<CampaignPhase>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodes = f.Sequence(spec, "phases", "spec.phases");
        if (nodes.Count == 0 && f.Child(spec, "phases") is YamlSequenceNode empty)
        {
            f.Error(empty, "spec.phases", "needs at least one phase");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var path = $"spec.phases[{i}]";
            if (nodes[i] is not YamlMappingNode node)
            {
                f.Error(nodes[i], path, "must be a mapping (name, kind, duration, agents)");
                continue;
            }

            f.RejectUnknown(node, path, "name", "kind", "duration", "agents", "pidFile");
            var name = f.String(node, "name", $"{path}.name");
            if (name is not null && !seen.Add(name))
            {
                f.Error(f.Child(node, "name"), $"{path}.name", $"'{name}' names an earlier phase too; phase names are unique");
            }

            var kind = f.Choice(node, "kind", $"{path}.kind", Kinds);
            var duration = f.Duration(node, "duration", $"{path}.duration");
            if (duration is { } d && d <= TimeSpan.Zero)
            {
                f.Error(f.Child(node, "duration"), $"{path}.duration", "must be longer than 0");
            }

            var needsAgents = f.Child(node, "kind") is YamlScalarNode { Value: "rampUp" or "spike" };
            var agents = (int?)f.Integer(node, "agents", $"{path}.agents", 0, LoadLimits.MaxAgents, required: needsAgents);
            var pidFile = f.String(node, "pidFile", $"{path}.pidFile", required: kind == PhaseKind.SiloKill && f.Child(node, "kind") is not null);
            if (pidFile is not null && kind != PhaseKind.SiloKill)
            {
                f.Error(f.Child(node, "pidFile"), $"{path}.pidFile", "only a siloKill phase kills a silo");
            }

            phases.Add(new CampaignPhase(name ?? $"phase-{i + 1}", kind, duration ?? TimeSpan.Zero, agents, pidFile is null ? null : Path.GetFullPath(pidFile, directory)));
        }

        var total = phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);
        if (total > LoadLimits.MaxDuration)
        {
            f.Error(f.Child(spec, "phases"), "spec.phases", $"last {DurationText.Format(total)} together; a campaign may last at most {DurationText.Format(LoadLimits.MaxDuration)}");
        }

        if (nodes.Count > 0 && phases.Count > 0 && new CampaignSchedule(phases).MaxAgents == 0)
        {
            f.Error(f.Child(spec, "phases"), "spec.phases", "no phase has any agents; give the first one agents: N");
        }

        return phases;
    }

    private static CampaignRollout? ReadRollout(YamlFields f, YamlMappingNode? node, List<CampaignPhase> phases, string directory)
    {
        if (node is null)
        {
            return null;
        }

        f.RejectUnknown(node, "spec.rollout", "manifest", "atPhase");
        var manifest = f.String(node, "manifest", "spec.rollout.manifest");
        var atPhase = f.String(node, "atPhase", "spec.rollout.atPhase");
        if (atPhase is not null && phases.Count > 0 && phases.All(p => p.Name != atPhase))
        {
            f.Error(f.Child(node, "atPhase"), "spec.rollout.atPhase", $"names no phase; the phases are {string.Join(", ", phases.Select(p => p.Name))}");
        }

        var path = manifest is null ? "" : Path.GetFullPath(manifest, directory);
        if (manifest is not null && !File.Exists(path))
        {
            f.Error(f.Child(node, "manifest"), "spec.rollout.manifest", $"no such manifest file ({path})");
        }

        return manifest is null || atPhase is null ? null : new CampaignRollout(manifest, path, atPhase);
    }
}

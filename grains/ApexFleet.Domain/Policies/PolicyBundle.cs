using ApexFleet.Domain.FinOps;
using Cel;
using YamlDotNet.RepresentationModel;

namespace ApexFleet.Domain.Policies;

/// <summary>
/// What the rules of a repository judge with: the rules (compiled once), the namespaces' policy
/// bindings, the FinOps limits per policy and the model registry. Read from <c>policies/*.yaml</c>
/// (documents of kind AdmissionPolicy, PolicyBindings, FinOpsLimits) and <c>registry/models.yaml</c>.
/// </summary>
public sealed class PolicyBundle
{
    public const string RuleKind = "AdmissionPolicy";
    public const string BindingsKind = "PolicyBindings";
    public const string FinOpsKind = "FinOpsLimits";

    public static readonly PolicyBundle Empty = new([], new Dictionary<string, object?>(), new Dictionary<string, object?>(), new Dictionary<string, object?>(), new Dictionary<string, CostCenterCap>());

    private PolicyBundle(
        IReadOnlyList<CompiledRule> rules, Dictionary<string, object?> bindings, Dictionary<string, object?> finOps, Dictionary<string, object?> registry,
        IReadOnlyDictionary<string, CostCenterCap> costCenters)
    {
        Rules = rules;
        Bindings = bindings;
        FinOps = finOps;
        Registry = registry;
        CostCenters = costCenters;
    }

    internal IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>Namespace → the policy names bound to it.</summary>
    internal Dictionary<string, object?> Bindings { get; }

    /// <summary>Policy name → its limits.</summary>
    internal Dictionary<string, object?> FinOps { get; }

    /// <summary>Model id → its registry entry.</summary>
    internal Dictionary<string, object?> Registry { get; }

    /// <summary>Cost centre → its cap on the rollouts labelled with it (<c>FinOpsLimits</c>' <c>costCenters:</c>).</summary>
    public IReadOnlyDictionary<string, CostCenterCap> CostCenters { get; }

    public IEnumerable<string> RuleNames => Rules.Select(r => r.Rule.Name);

    /// <summary>Reads the policy files and the registry file (paths as shown in errors); any problem is a <see cref="PolicyInputException"/>.</summary>
    public static PolicyBundle Load(IEnumerable<(string Path, string Text)> policyFiles, (string Path, string Text)? registryFile)
    {
        var rules = new List<CompiledRule>();
        var bindings = new Dictionary<string, object?>(StringComparer.Ordinal);
        var finOps = new Dictionary<string, object?>(StringComparer.Ordinal);
        var costCenters = new Dictionary<string, CostCenterCap>(StringComparer.Ordinal);
        foreach (var (path, text) in policyFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            foreach (var (data, node) in PolicyData.Load(path, text))
            {
                var kind = PolicyData.At(data, "kind") as string;
                switch (kind)
                {
                    case RuleKind:
                        rules.Add(CompiledRule.Read(path, (YamlMappingNode)node, (Dictionary<string, object?>)data!));
                        break;
                    case BindingsKind:
                        Merge(bindings, PolicyData.At(data, "namespaces"), path, node, "namespaces");
                        break;
                    case FinOpsKind:
                        if (PolicyData.At(data, "policies") is not null || PolicyData.At(data, "costCenters") is null)
                        {
                            Merge(finOps, PolicyData.At(data, "policies"), path, node, "policies");
                        }

                        ReadCostCenters(costCenters, path, (YamlMappingNode)node);
                        break;
                    default:
                        throw new PolicyInputException(path, node.Start.Line, node.Start.Column, $"kind must be {RuleKind}, {BindingsKind} or {FinOpsKind} (got '{kind}')");
                }
            }
        }

        var duplicate = rules.GroupBy(r => r.Rule.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.Skip(1).First().Rule;
            throw new PolicyInputException(second.Source, 1, 1, $"rule '{duplicate.Key}' is defined twice");
        }

        var registry = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (registryFile is { } file && PolicyData.Load(file.Path, file.Text) is [var (entries, root), ..])
        {
            Merge(registry, PolicyData.At(entries, "models"), file.Path, root, "models");
        }

        return new PolicyBundle(rules, bindings, finOps, registry, costCenters);
    }

    /// <summary><c>costCenters: { name: { rolloutUSD, monthlyUSD } }</c>, each figure a number of at least 0; a centre set twice is an error.</summary>
    private static void ReadCostCenters(Dictionary<string, CostCenterCap> into, string path, YamlMappingNode node)
    {
        if (node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: "costCenters" }).Value is not { } section)
        {
            return;
        }

        if (section is not YamlMappingNode centres)
        {
            throw new PolicyInputException(path, section.Start.Line, section.Start.Column, "costCenters must be a mapping of cost centre to { rolloutUSD, monthlyUSD }");
        }

        foreach (var (keyNode, value) in centres.Children)
        {
            var centre = (keyNode as YamlScalarNode)?.Value ?? "";
            var where = $"costCenters.{centre}";
            if (value is not YamlMappingNode limits || limits.Children.Count == 0)
            {
                throw new PolicyInputException(path, value.Start.Line, value.Start.Column, $"{where} must be a mapping with rolloutUSD and/or monthlyUSD");
            }

            double? rollout = null, monthly = null;
            foreach (var (fieldNode, figure) in limits.Children)
            {
                var field = (fieldNode as YamlScalarNode)?.Value;
                var amount = PolicyData.From(figure) switch
                {
                    long whole when whole >= 0 => whole,
                    double number when double.IsFinite(number) && number >= 0 => number,
                    _ => throw new PolicyInputException(path, figure.Start.Line, figure.Start.Column, $"{where}.{field} must be a number of USD of at least 0 (got '{(figure as YamlScalarNode)?.Value ?? figure.ToString()}')"),
                };
                switch (field)
                {
                    case "rolloutUSD":
                        rollout = amount;
                        break;
                    case "monthlyUSD":
                        monthly = amount;
                        break;
                    default:
                        throw new PolicyInputException(path, fieldNode.Start.Line, fieldNode.Start.Column, $"{where}: unknown field '{field}'; known: rolloutUSD, monthlyUSD");
                }
            }

            if (into.TryGetValue(centre, out var earlier))
            {
                throw new PolicyInputException(path, keyNode.Start.Line, keyNode.Start.Column, $"cost centre '{centre}' is capped twice (also in {earlier.Source})");
            }

            into[centre] = new CostCenterCap(centre, new Budget(rollout, monthly), path);
        }
    }

    private static void Merge(Dictionary<string, object?> into, object? section, string path, YamlNode node, string name)
    {
        if (section is not Dictionary<string, object?> map)
        {
            throw new PolicyInputException(path, node.Start.Line, node.Start.Column, $"needs a mapping '{name}'");
        }

        foreach (var (key, value) in map)
        {
            into[key] = value;
        }
    }

    /// <summary>One rule with its expressions compiled, so a syntax error is found when the repository is read.</summary>
    internal sealed record CompiledRule(AdmissionRule Rule, CelProgramDelegate Check, CelProgramDelegate? Message)
    {
        public static CompiledRule Read(string path, YamlMappingNode node, Dictionary<string, object?> data)
        {
            var name = PolicyData.At(data, "metadata", "name") as string ?? Fail<string>(path, node, "metadata.name is required");
            var spec = Child(node, "spec") as YamlMappingNode ?? Fail<YamlMappingNode>(path, node, $"rule '{name}': spec is required");
            var expressionNode = Child(spec, "expression") as YamlScalarNode ?? Fail<YamlScalarNode>(path, spec, $"rule '{name}': spec.expression is required");
            var messageNode = Child(spec, "messageExpression") as YamlScalarNode;
            var rule = new AdmissionRule(
                name,
                path,
                ReadMatch(PolicyData.At(data, "spec", "match")),
                expressionNode.Value ?? "",
                PolicyData.At(data, "spec", "message") as string,
                messageNode?.Value);
            return new(rule, Compile(path, expressionNode, name), messageNode is null ? null : Compile(path, messageNode, name));
        }

        private static CelProgramDelegate Compile(string path, YamlScalarNode node, string rule)
        {
            try
            {
                return new CelEnvironment(null, null).Compile(node.Value ?? "");
            }
            catch (Exception ex)
            {
                // Cel reports syntax errors as several exception types; each is the rule's author's to fix.
                throw new PolicyInputException(path, node.Start.Line, node.Start.Column, $"rule '{rule}': not a CEL expression: {ex.Message.Split('\n')[0]}");
            }
        }

        private static RuleMatch ReadMatch(object? match) => match is not Dictionary<string, object?> map
            ? RuleMatch.Everything
            : new RuleMatch(
                Texts(map.GetValueOrDefault("kinds")),
                Texts(map.GetValueOrDefault("namespaces")),
                map.GetValueOrDefault("labels") is Dictionary<string, object?> labels
                    ? labels.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal)
                    : new Dictionary<string, string>());

        private static List<string> Texts(object? value) => value is List<object?> list ? [.. list.Select(v => v?.ToString() ?? "")] : [];

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        private static T Fail<T>(string path, YamlNode node, string message) => throw new PolicyInputException(path, node.Start.Line, node.Start.Column, message);
    }
}

using System.Globalization;
using ApexFleet.Domain.FinOps;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Policies;

/// <summary>
/// Judges a manifest against every rule that matches it. The rules see <c>object</c> (the manifest
/// document), <c>namespace</c>, <c>model</c> ({id, version}), <c>registry</c> (the model's registry
/// entry, empty when it has none), <c>bindings</c> (policy names bound to the namespace) and
/// <c>finops</c> (limits by policy name).
/// </summary>
public static class PolicyEvaluator
{
    public static AdmissionReview Evaluate(PolicyBundle bundle, AdmissionRequest request)
    {
        var variables = Variables(bundle, request);
        var verdicts = bundle.Rules
            .Where(r => r.Rule.Match.Matches(request))
            .Select(r => Judge(r, variables))
            .ToList();
        return new AdmissionReview(request.Source, verdicts);
    }

    /// <summary>
    /// The rules' verdicts and, for a manifest of a capped cost centre, the cap's: denied when even
    /// the least the rollout can cost (<see cref="AdmissionEstimate"/>) already breaks it.
    /// </summary>
    public static AdmissionReview Evaluate(PolicyBundle bundle, AdmissionRequest request, RolloutDefinition definition, FleetContext fleet, CostModel prices)
    {
        var review = Evaluate(bundle, request);
        if (CostCenterCap.For(bundle.CostCenters, definition.Owner) is not { } cap)
        {
            return review;
        }

        var denial = cap.Denial(definition, fleet, prices);
        var verdict = new RuleVerdict($"{CostCenterCap.Label}-cap:{cap.CostCenter}", cap.Source, denial is null ? RuleOutcome.Admitted : RuleOutcome.Denied, denial ?? "");
        return review with { Verdicts = [.. review.Verdicts, verdict] };
    }

    private static Dictionary<string, object?> Variables(PolicyBundle bundle, AdmissionRequest request) => new(StringComparer.Ordinal)
    {
        ["object"] = request.Object,
        ["namespace"] = request.Namespace,
        ["model"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = request.ModelId, ["version"] = request.ModelVersion },
        ["registry"] = bundle.Registry.GetValueOrDefault(request.ModelId) as Dictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal),
        ["bindings"] = bundle.Bindings.GetValueOrDefault(request.Namespace) as List<object?> ?? [],
        ["finops"] = bundle.FinOps,
    };

    private static RuleVerdict Judge(PolicyBundle.CompiledRule rule, Dictionary<string, object?> variables)
    {
        object? result;
        try
        {
            result = rule.Check(variables);
        }
        catch (Exception ex)
        {
            // A third-party evaluator on data anyone can write: whatever it throws is this rule's error on this manifest.
            return Verdict(rule, RuleOutcome.Error, $"could not be evaluated: {ex.Message.Split('\n')[0]}");
        }

        return result switch
        {
            true => Verdict(rule, RuleOutcome.Admitted, ""),
            false => Verdict(rule, RuleOutcome.Denied, Message(rule, variables)),
            _ => Verdict(rule, RuleOutcome.Error, $"expression gave {Describe(result)}, not a boolean"),
        };
    }

    private static string Message(PolicyBundle.CompiledRule rule, Dictionary<string, object?> variables)
    {
        var plain = rule.Rule.Message ?? $"failed expression: {rule.Rule.Expression}";
        if (rule.Message is null)
        {
            return plain;
        }

        try
        {
            return rule.Message(variables) is string text ? text : plain;
        }
        catch (Exception)
        {
            // As Kubernetes does: a message expression that fails falls back to the plain message.
            return plain;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };

    private static RuleVerdict Verdict(PolicyBundle.CompiledRule rule, RuleOutcome outcome, string message) =>
        new(rule.Rule.Name, rule.Rule.Source, outcome, message);
}

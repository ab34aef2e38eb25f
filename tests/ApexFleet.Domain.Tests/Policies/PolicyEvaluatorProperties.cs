using ApexFleet.Domain.Policies;
using CsCheck;

namespace ApexFleet.Domain.Tests.Policies;

/// <summary>
/// Whatever a manifest holds, judging it ends in verdicts (or a <see cref="PolicyInputException"/>
/// for text that is not YAML) — never in another exception that would stop a reconciliation.
/// </summary>
public class PolicyEvaluatorProperties
{
    private static readonly PolicyBundle Bundle = ExamplePolicies.Load();

    private static readonly string[] Keys =
        ["apiVersion", "kind", "metadata", "name", "namespace", "labels", "region", "spec", "model", "id", "resourceConstraints", "cpuUsage", "maxPercent", "cloudFallback", "memoryMB", "regions"];

    private static readonly Gen<string> Scalar = Gen.OneOf<string>(
        Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("true", "null", "~", "''", "\"\"", "EU-West-1", "facial-recognition-v3", "speech-enhancer", "vision", "ads-emea", "[]", "{}", "9e999", ".nan"));

    /// <summary>Nested mappings and lists over the field names the rules read, with any scalar in any place.</summary>
    private static readonly Gen<string> Node = Gen.Recursive<string>((depth, node) => depth >= 4
        ? Scalar
        : Gen.Frequency(
            (2, (IGen<string>)Scalar),
            (3, Gen.Select(Gen.OneOf(Keys), node).Array[0, 5].Select(kvs => "{ " + string.Join(", ", kvs.Select(kv => $"{kv.Item1}: {kv.Item2}")) + " }")),
            (1, node.Array[0, 3].Select(items => "[ " + string.Join(", ", items) + " ]"))));

    [Fact]
    public void Random_manifests_get_verdicts_or_a_typed_error_never_a_crash()
    {
        Gen.Select(Node, Gen.OneOf("Deployment", "OnDeviceModelDeployment"), Gen.OneOf("retail", "vision", "ads-emea"), Gen.OneOf(Keys))
            .Select((body, kind, ns, extra) => $"kind: {kind}\nmetadata: {{ namespace: {ns}, labels: {{ region: EU-West-1 }} }}\nspec: {body}\n{extra}: {body}\n")
            .Sample(yaml =>
            {
                try
                {
                    var review = PolicyEvaluator.Evaluate(Bundle, AdmissionRequest.FromManifest("fuzz.yaml", yaml));
                    Assert.All(review.Verdicts, v => Assert.True(v.Outcome == RuleOutcome.Admitted || v.Message.Length > 0));
                }
                catch (PolicyInputException)
                {
                    // Not a YAML mapping: a typed error with its position, which the reconciler reports as Invalid.
                }
            }, iter: 2000);
    }
}

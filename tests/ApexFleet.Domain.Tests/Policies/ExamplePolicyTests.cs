using ApexFleet.Domain.Policies;

namespace ApexFleet.Domain.Tests.Policies;

/// <summary>Each shipped rule denies one example manifest, with its message, and admits another.</summary>
public class ExamplePolicyTests
{
    [Theory]
    [InlineData("ethical-admitted")]
    [InlineData("sovereignty-admitted")]
    [InlineData("vision-admitted")]
    [InlineData("finops-cpu-admitted")]
    [InlineData("cloud-fallback-admitted")]
    public void Every_rule_admits_its_good_example(string manifest)
    {
        var review = ExamplePolicies.Judge(manifest);

        Assert.True(review.Admitted, string.Join("; ", review.Denials));
        Assert.Equal(5, review.Verdicts.Count);
    }

    [Theory]
    [InlineData("ethical-denied", "ethical-assessment-approved", "model speech-enhancer has no approved ethical assessment in the registry")]
    [InlineData("sovereignty-denied", "gdpr-sensitive-stays-in-eu-west-1", "model keyboard-suggest is GDPR_Sensitive: it may only serve devices in EU-West-1 (set metadata.labels.region: EU-West-1)")]
    [InlineData("vision-denied", "no-facial-recognition-in-vision-sensitive-namespaces", "facial-recognition-v3 is denied in namespace vision, bound to ai-alignment-policy-vision-sensitive")]
    [InlineData("finops-cpu-denied", "finops-emea-cpu-limit", "CPU limit 90% of a core is above the 750m that finops-policy-emea-high-priority allows")]
    [InlineData("cloud-fallback-denied", "cloud-fallback-memory-limit", "the cloud fall-back asks for 1024 MB of memory; at most 512 MB")]
    public void Every_rule_denies_its_bad_example_with_its_message(string manifest, string rule, string message)
    {
        var review = ExamplePolicies.Judge(manifest);

        var denial = Assert.Single(review.Denials);
        Assert.Equal(RuleOutcome.Denied, denial.Outcome);
        Assert.Equal(rule, denial.Rule);
        Assert.Equal(message, denial.Message);
    }

    [Fact]
    public void A_rule_whose_expression_fails_on_a_manifest_denies_it_as_an_error()
    {
        var bundle = PolicyBundle.Load(
            [("policies/p.yaml", """
                kind: AdmissionPolicy
                metadata: { name: fallback-memory }
                spec:
                  match: { kinds: [Deployment] }
                  expression: "object.spec.cloudFallback.memoryMB <= 512"
                  message: "too much memory"
                """)],
            null);
        var review = PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromManifest("m.yaml", "kind: Deployment\nspec: { model: { id: a } }\n"));

        var verdict = Assert.Single(review.Verdicts);
        Assert.Equal(RuleOutcome.Error, verdict.Outcome);
        Assert.False(review.Admitted);
    }

    [Fact]
    public void Match_limits_a_rule_to_its_kinds_namespaces_and_labels()
    {
        var bundle = PolicyBundle.Load(
            [("policies/p.yaml", """
                kind: AdmissionPolicy
                metadata: { name: never }
                spec:
                  match: { kinds: [OnDeviceModelDeployment], namespaces: [ads], labels: { tier: gold } }
                  expression: "false"
                """)],
            null);

        Assert.Empty(PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromManifest("a", "kind: Deployment\nmetadata: { namespace: ads, labels: { tier: gold } }\n")).Verdicts);
        Assert.Empty(PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromManifest("b", "kind: OnDeviceModelDeployment\nmetadata: { namespace: ads }\n")).Verdicts);
        Assert.False(PolicyEvaluator.Evaluate(bundle, AdmissionRequest.FromManifest("c", "kind: OnDeviceModelDeployment\nmetadata: { namespace: ads, labels: { tier: gold } }\n")).Admitted);
    }

    [Fact]
    public void A_rule_that_is_not_CEL_is_refused_with_its_position()
    {
        var ex = Assert.Throws<PolicyInputException>(() => PolicyBundle.Load(
            [("policies/bad.yaml", "kind: AdmissionPolicy\nmetadata: { name: bad }\nspec:\n  expression: \"(1 +\"\n")],
            null));

        Assert.StartsWith("policies/bad.yaml:4:15: rule 'bad': not a CEL expression", ex.Message, StringComparison.Ordinal);
    }
}

namespace ApexFleet.Grains.Tests.GitOps;

/// <summary>Manifests and policies the reconciler tests commit.</summary>
internal static class GitOpsManifests
{
    public static string Deployment(string name, string model, string version, string previous, double threshold = 40, string ns = "retail") => $$"""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: {{name}}, namespace: {{ns}} }
        spec:
          model: { id: {{model}}, version: "{{version}}", previousVersion: "{{previous}}", precision: INT8, sizeMB: 2 }
          stages:
            - name: canary
              percent: 10
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: {{threshold}}, minSamples: 100, scope: cohort }
            - name: everyone
              percent: 100
              gates:
                - { metric: latency_p95_ms, operator: "<=", threshold: {{threshold}}, minSamples: 100, scope: cohort }
        """;

    public const string EthicsPolicy = """
        apiVersion: apexfleet.io/v1
        kind: AdmissionPolicy
        metadata: { name: ethical-assessment-approved }
        spec:
          expression: "has(registry.ethicalAssessment) && registry.ethicalAssessment.status == 'Approved'"
          messageExpression: "'model ' + model.id + ' has no approved ethical assessment in the registry'"
        """;

    public static string Registry(params string[] approved) =>
        "models:\n" + string.Concat(approved.Select(m => $"  {m}: {{ ethicalAssessment: {{ status: Approved, by: board, at: '2026-01-01' }} }}\n"));
}

namespace ApexFleet.Domain.Policies;

/// <summary>
/// One organisation-wide rule (a ValidatingAdmissionPolicy in Kubernetes' words): where it applies,
/// a CEL expression that must hold, and the message when it does not — plain text, or a CEL string
/// expression that can quote the manifest.
/// </summary>
public sealed record AdmissionRule(
    string Name,
    string Source,
    RuleMatch Match,
    string Expression,
    string? Message,
    string? MessageExpression);

namespace ApexFleet.Domain.Policies;

public enum RuleOutcome
{
    Admitted = 0,
    Denied = 1,
    /// <summary>The rule could not be judged on this manifest (a field of the wrong type…): it denies, as Kubernetes' failurePolicy Fail does.</summary>
    Error = 2,
}

/// <summary>What one rule said about one manifest.</summary>
public sealed record RuleVerdict(string Rule, string RuleSource, RuleOutcome Outcome, string Message)
{
    public override string ToString() => $"{Outcome.ToString().ToLowerInvariant()}: {Rule} ({RuleSource}){(Message.Length > 0 ? $": {Message}" : "")}";
}

/// <summary>Every matching rule's verdict on one manifest.</summary>
public sealed record AdmissionReview(string Source, IReadOnlyList<RuleVerdict> Verdicts)
{
    public bool Admitted => Verdicts.All(v => v.Outcome == RuleOutcome.Admitted);

    public IEnumerable<RuleVerdict> Denials => Verdicts.Where(v => v.Outcome != RuleOutcome.Admitted);
}

namespace ApexFleet.Domain.Policies;

/// <summary>A policy, binding, registry or manifest file that cannot be read, named by file:line:column.</summary>
public sealed class PolicyInputException(string source, long line, long column, string message)
    : Exception($"{source}:{line}:{column}: {message}")
{
    public string File { get; } = source;
}

namespace ApexFleet.Domain.Manifests;

/// <summary>One thing wrong with a manifest, named by file, line, column and field path.</summary>
public sealed record ManifestError(string Source, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>A manifest that cannot be used, with every error found (not just the first).</summary>
public sealed class ManifestException(IReadOnlyList<ManifestError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ManifestError> Errors { get; } = errors;
}

namespace ApexFleet.Domain.Manifests;

/// <summary>One thing wrong with a manifest, named by file, line, column and field path.</summary>
public sealed record ManifestError(string Source, int Line, int Column, string Field, string Message)
{
    public override string ToString() => $"{Source}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>A manifest that cannot be used, with every error found (not just the first; past <see cref="ManifestLimits.MaxErrors"/>, counted in a last line).</summary>
public sealed class ManifestException(IReadOnlyList<ManifestError> errors, int? total = null)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ManifestError> Errors { get; } = errors;

    /// <summary>How many errors were found, listed or not.</summary>
    public int Total { get; } = total ?? errors.Count;
}

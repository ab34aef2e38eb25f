namespace ApexFleet.Domain.GitOps;

public enum ManifestOutcome
{
    /// <summary>Read, and every policy admits it: it may be applied.</summary>
    Valid = 0,
    /// <summary>The manifest parser refused it (each error with file:line:column).</summary>
    Invalid = 1,
    /// <summary>A policy denied it (each denial with its rule and message).</summary>
    Denied = 2,
}

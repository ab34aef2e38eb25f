using ApexFleet.Domain.Manifests;

namespace ApexFleet.Cli.Output;

public static class ManifestErrors
{
    /// <summary>Prints every problem of a manifest or scenario, one per line, and returns the bad-input exit code.</summary>
    public static int Report(ManifestException ex, string what)
    {
        Console.Error.WriteLine($"error: the {what} has {ex.Total} problem(s):");
        foreach (var error in ex.Errors)
        {
            Console.Error.WriteLine($"  {error}");
        }

        return ExitCodes.BadInput;
    }
}

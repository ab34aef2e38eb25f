using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ApexFleet.Abstractions.Json;
using ApexFleet.Simulator.Catalogue;

namespace ApexFleet.Cli.Commands;

/// <summary>`apexfleet catalogue check`: the chipset catalogue against the reference figures it cites.</summary>
public static class CatalogueCommand
{
    /// <summary>A figure does not follow from its source, or the catalogue ranks chipsets out of a source's order.</summary>
    public const int CheckFailed = 1;

    public static Command Create()
    {
        var references = new Option<FileInfo?>("--references")
        {
            HelpName = "FILE",
            Description = "The reference figures (docs/references.yaml). Default: found in the repository around the current folder or the program.",
        };
        var json = new Option<bool>("--json") { Description = "Print the comparisons, orderings, accuracy checks and assumptions as JSON." };
        var check = new Command(
            "check",
            "Recompute every catalogue latency from the figures its `source` cites and print, per chipset and precision, catalogue value, source value, " +
            $"ratio and verdict (within ±{CatalogueCheck.Tolerance:P0}); each method's accuracy change against its source; and, per source series, Spearman's " +
            $"rank correlation of the catalogue's latencies with the source's (holds at ≥ {CatalogueCheck.MinSpearman}). Figures resting on an assumption are listed with it. " +
            "Exit code 0: every check holds; 1: one does not; 2: bad input.")
        {
            references, json,
        };
        check.SetAction((parse, _) => Task.FromResult(Run(parse.GetValue(references), parse.GetValue(json))));
        return new Command("catalogue", "The simulator's chipset catalogue: where its figures come from.") { check };
    }

    private static int Run(FileInfo? file, bool json)
    {
        var path = file?.FullName ?? ReferenceTable.Locate(Environment.CurrentDirectory) ?? ReferenceTable.Locate(AppContext.BaseDirectory);
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"error: {path ?? "docs/references.yaml"} not found (give --references FILE)");
            return ExitCodes.BadInput;
        }

        CatalogueCheckReport report;
        try
        {
            report = CatalogueCheck.Run(ChipsetCatalogue.Default, ReferenceTable.Load(path));
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.BadInput;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, FleetJson.Options));
        }
        else
        {
            Print(report);
        }

        return report.Holds ? ExitCodes.Ok : CheckFailed;
    }

    private static void Print(CatalogueCheckReport report)
    {
        Console.WriteLine("Latency (ms), catalogue against source:");
        Console.WriteLine($"  {"chipset",-20} {"prec",-5} {"basis",-6} {"catalogue",10} {"source",10} {"ratio",6}  verdict");
        foreach (var c in report.Comparisons)
        {
            var verdict = c.Within ? "within ±25 %" : "OUTSIDE ±25 %";
            var assumed = c.Assumption is null ? "" : " (with an assumption)";
            Console.WriteLine($"  {c.Family,-20} {c.Precision,-5} {c.Basis,-6} {N(c.Catalogue),10} {N(c.Source),10} {c.Ratio,6:F3}  {verdict}{assumed}");
        }

        Console.WriteLine($"  {report.Within} of {report.Comparisons.Count} within ±25 %.");
        Console.WriteLine();
        Console.WriteLine("Accuracy change by quantization method (top-1 points):");
        foreach (var a in report.Accuracy)
        {
            Console.WriteLine($"  {a.Method,-18} catalogue {N(a.Catalogue),7}  source {N(a.Source),7}  {(a.Holds ? "holds" : "DOES NOT HOLD")}  ({a.Expression})");
        }

        Console.WriteLine();
        Console.WriteLine("Ordering by latency (Spearman's ρ, catalogue against source):");
        foreach (var o in report.Orderings)
        {
            Console.WriteLine($"  [{o.Source}] {o.Series} ({o.Precision}, {o.Families.Count} chipsets): ρ = {o.Spearman:F3}  {(o.Holds ? "holds" : "DOES NOT HOLD")}");
        }

        Console.WriteLine();
        Console.WriteLine($"Families without a latency derived from sources alone: {(report.UnsourcedFamilies.Count == 0 ? "none" : string.Join(", ", report.UnsourcedFamilies))} ({report.UnsourcedShare:P0} of the default fleet).");
        foreach (var problem in report.Problems)
        {
            Console.WriteLine($"problem: {problem}");
        }

        Console.WriteLine(report.Holds ? "Every check holds." : "Some check does not hold.");
    }

    private static string N(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

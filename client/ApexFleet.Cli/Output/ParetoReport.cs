using System.Globalization;
using ApexFleet.Domain.Pareto;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>
/// What `apexfleet pareto` prints: a fixed JSON shape for scripts (written with FleetJson, whose
/// relaxed escaping keeps the explanations' operators and Σ readable), or a table for people.
/// </summary>
public sealed record ParetoReport(
    IReadOnlyList<IReadOnlyList<string>> Fronts,
    IReadOnlyList<string> Infeasible,
    string? Choice,
    double Hypervolume,
    IReadOnlyDictionary<string, string> Explanations)
{
    public static ParetoReport From(ParetoAnalysis analysis) => new(
        analysis.Fronts,
        [.. analysis.Infeasible.Select(i => i.Id)],
        analysis.Choice?.Id,
        analysis.Hypervolume,
        analysis.Explanations);

    public static void Print(string source, ParetoAnalysis analysis, IReadOnlyList<Candidate> candidates, IReadOnlyList<Constraint> constraints)
    {
        var objectives = analysis.Objectives;
        AnsiConsole.MarkupLine(Markup.Escape($"{candidates.Count} candidates from {source}; objectives {string.Join(", ", objectives)}" +
            (constraints.Count == 0 ? "" : $"; constraints {string.Join(", ", constraints)}")));

        var byId = candidates.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var table = new Table().AddColumn("Front").AddColumn("Candidate");
        foreach (var objective in objectives)
        {
            table.AddColumn(new TableColumn(Markup.Escape(objective.Name)).RightAligned());
        }

        table.AddColumn("Why");
        void Row(string front, string id, string why)
        {
            var name = id == analysis.Choice?.Id ? $"[bold green]{Markup.Escape(id)}[/]" : Markup.Escape(id);
            table.AddRow([front, name, .. byId[id].Values.Select(v => Markup.Escape(v.ToString("0.####", CultureInfo.InvariantCulture))), Markup.Escape(why)]);
        }

        for (var k = 0; k < analysis.Fronts.Count; k++)
        {
            foreach (var id in analysis.Fronts[k])
            {
                // Short reasons here; the full sentences are in --json's explanations.
                var why = k > 0 ? $"dominated by {analysis.DominatedBy[id]}" : id == analysis.Choice?.Id ? "chosen" : "not dominated";
                Row((k + 1).ToString(CultureInfo.InvariantCulture), id, why);
            }
        }

        foreach (var item in analysis.Infeasible)
        {
            // The row shows the values; naming the broken limits is enough.
            Row("-", item.Id, $"breaks {string.Join(", ", item.Violations.Select(v => v.Constraint))}");
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(analysis.Choice is { } choice
            ? $"Choice: {choice.Id}, by {choice.Rule}: {choice.Why}"
            : "Choice: none — no candidate meets every constraint"));
        if (analysis.Reference.Count > 0)
        {
            var reference = string.Join(", ", objectives.Select((o, j) => $"{o.Name}={analysis.Reference[j].ToString("0.####", CultureInfo.InvariantCulture)}"));
            AnsiConsole.MarkupLine(Markup.Escape($"Hypervolume of front 1: {analysis.Hypervolume.ToString("0.####", CultureInfo.InvariantCulture)} against the reference {reference}"));
        }
    }
}

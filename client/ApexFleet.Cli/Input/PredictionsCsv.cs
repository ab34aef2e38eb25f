using System.Text;
using ApexFleet.Domain.Fairness;

namespace ApexFleet.Cli.Input;

/// <summary>
/// Reads a CSV of labelled predictions (one row per example) into confusion counts per group.
/// Rows are numbered as a spreadsheet shows them: the header is row 1. Fields may be quoted
/// (RFC 4180, "" for a quote) but a record cannot span lines; blank lines are skipped.
/// </summary>
public static class PredictionsCsv
{
    public sealed record Columns(string Group, string Label, string Prediction);

    /// <param name="positiveLabel">
    /// The favourable value. Every other value in the label and prediction columns must be one and the
    /// same negative value, so that "yes"/"no" data read with the default "1" fails instead of counting
    /// everything as negative.
    /// </param>
    public static IReadOnlyDictionary<string, ConfusionCounts> Read(string path, Columns columns, string positiveLabel)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new CsvInputException($"{file} is empty: it needs a header row");
        var names = Split(header, file, 1).Select(n => n.Trim()).ToList();
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CsvInputException($"{file} row 1: the column '{duplicate.Key}' appears twice");
        }

        int Index(string name)
        {
            var index = names.IndexOf(name);
            return index >= 0 ? index : throw new CsvInputException($"{file} has no column '{name}' (columns: {string.Join(", ", names)})");
        }

        var (group, label, prediction) = (Index(columns.Group), Index(columns.Label), Index(columns.Prediction));

        var groups = new SortedDictionary<string, ConfusionCounts>(StringComparer.Ordinal);
        string? negative = null;
        var negativeSeenAt = "";
        var row = 1;
        while (reader.ReadLine() is { } line)
        {
            row++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Split(line, file, row);
            if (fields.Count != names.Count)
            {
                var where = fields.Count < names.Count ? $"column '{names[fields.Count]}': missing" : $"column {names.Count + 1}: unexpected";
                throw new CsvInputException($"{file} row {row}, {where} ({fields.Count} fields, the header has {names.Count})");
            }

            bool IsPositive(int column)
            {
                var value = fields[column].Trim();
                var at = $"row {row}, column '{names[column]}'";
                if (value.Length == 0)
                {
                    throw new CsvInputException($"{file} {at}: empty value");
                }

                if (value == positiveLabel)
                {
                    return true;
                }

                if (negative is null)
                {
                    (negative, negativeSeenAt) = (value, at);
                }
                else if (value != negative)
                {
                    throw new CsvInputException(
                        $"{file} {at}: '{value}' is neither the positive label '{positiveLabel}' nor the negative label '{negative}' ({negativeSeenAt}); set --positive-label if the labels are not 1 and 0");
                }

                return false;
            }

            var name = fields[group].Trim();
            if (name.Length == 0)
            {
                throw new CsvInputException($"{file} row {row}, column '{names[group]}': empty value");
            }

            groups[name] = groups.GetValueOrDefault(name, ConfusionCounts.Zero).Add(IsPositive(label), IsPositive(prediction));
        }

        return groups.Count > 0 ? groups : throw new CsvInputException($"{file} has a header but no rows");
    }

    private static List<string> Split(string line, string file, int row)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                quoted = true;
                field.Clear();
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new CsvInputException($"{file} row {row}, column {fields.Count + 1}: a quoted field is not closed");
        }

        fields.Add(field.ToString());
        return fields;
    }
}

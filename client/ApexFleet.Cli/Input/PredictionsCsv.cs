using System.Globalization;
using ApexFleet.Domain.Fairness;
using CsvHelper;

namespace ApexFleet.Cli.Input;

/// <summary>
/// Reads a CSV of labelled predictions (one row per example) into confusion counts per group.
/// Rows are numbered as a spreadsheet shows them: the header is row 1. Fields may be quoted
/// (RFC 4180, "" for a quote) but a record cannot span lines; blank lines are skipped.
/// </summary>
/// <remarks>
/// CsvHelper does the parsing, as for <see cref="CandidateCsv"/>. It recovers from bad quoting and
/// reports each malformed record once, with its first problem, which we turn into an error: an open
/// quote names its column (the open field runs to the end of the line, so it is the record's last),
/// and a stray quote or text after a closing quote names the row.
/// </remarks>
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
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => malformed.TryAdd(record.LineNumber, record.Reason),
            FormatProvider = CultureInfo.InvariantCulture,
        };

        try
        {
            using var reader = CsvReader.FromFile(path, options);

            void EnsureWellQuoted(long row, int fieldCount)
            {
                if (malformed.TryGetValue(row, out var reason))
                {
                    throw new CsvInputException(reason switch
                    {
                        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => $"{file} row {row}, column {fieldCount}: a quoted field is not closed",
                        CsvMalformedReason.StrayQuote => $"{file} row {row}: a quote inside an unquoted field; quote the whole field and double its quotes (\"\")",
                        CsvMalformedReason.TextAfterClosingQuote => $"{file} row {row}: text after the closing quote of a field; quote the whole field and double its quotes (\"\")",
                        _ => $"{file} row {row}: malformed CSV ({reason})",
                    });
                }
            }

            var names = reader.Headers.Select(n => n.Trim()).ToList();
            if (names.Count == 0)
            {
                throw new CsvInputException($"{file} is empty: it needs a header row");
            }

            var headerRow = reader.LineNumber;
            EnsureWellQuoted(headerRow, names.Count);
            var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new CsvInputException($"{file} row {headerRow}: the column '{duplicate.Key}' appears twice");
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
            while (reader.Read())
            {
                var row = reader.LineNumber;
                var fieldCount = reader.FieldCount;
                EnsureWellQuoted(row, fieldCount);
                if (fieldCount != names.Count)
                {
                    var where = fieldCount < names.Count ? $"column '{names[fieldCount]}': missing" : $"column {names.Count + 1}: unexpected";
                    throw new CsvInputException($"{file} row {row}, {where} ({fieldCount} fields, the header has {names.Count})");
                }

                bool IsPositive(int column)
                {
                    var value = reader.GetString(column).Trim();
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

                var name = reader.GetString(group).Trim();
                if (name.Length == 0)
                {
                    throw new CsvInputException($"{file} row {row}, column '{names[group]}': empty value");
                }

                groups[name] = groups.GetValueOrDefault(name, ConfusionCounts.Zero).Add(IsPositive(label), IsPositive(prediction));
            }

            return groups.Count > 0 ? groups : throw new CsvInputException($"{file} has a header but no rows");
        }
        catch (CsvFormatException ex)
        {
            throw new CsvInputException(ex.LineNumber > 0 ? $"{file} row {ex.LineNumber}: {ex.Message}" : $"{file}: {ex.Message}");
        }
    }
}

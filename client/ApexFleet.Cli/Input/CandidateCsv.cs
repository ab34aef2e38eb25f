using System.Globalization;
using ApexFleet.Domain.Pareto;
using CsvHelper;

namespace ApexFleet.Cli.Input;

/// <summary>
/// Reads a candidate table: a header row, an <c>id</c> column, and one numeric column per objective
/// (other columns are ignored). Strict, because a silently misread number would pick the wrong
/// model: every problem names the file, the line and the column.
/// </summary>
public static class CandidateCsv
{
    public const string IdColumn = "id";

    public static IReadOnlyList<Candidate> Read(string path, IReadOnlyList<Objective> objectives)
    {
        if (!File.Exists(path))
        {
            throw new ParetoInputException($"{path}: no such file");
        }

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        try
        {
            using var reader = CsvReader.FromFile(path, options);
            var headers = reader.Headers.Select(h => h.Trim()).ToList();
            if (headers.Count == 0)
            {
                throw new ParetoInputException($"{path}: the table is empty; it needs a header row with an '{IdColumn}' column");
            }

            var twice = headers.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                throw new ParetoInputException($"{path}:1: column '{twice.Key}' appears more than once");
            }

            var idColumn = Column(path, headers, IdColumn);
            var columns = objectives.Select(o => Column(path, headers, o.Name)).ToArray();
            var candidates = new List<Candidate>();
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var line = reader.LineNumber;
                if (reader.FieldCount != headers.Count)
                {
                    throw new ParetoInputException($"{path}:{line}: {reader.FieldCount} fields, but the header has {headers.Count}");
                }

                var id = reader.GetString(idColumn).Trim();
                if (id.Length == 0)
                {
                    throw new ParetoInputException($"{path}:{line}: column '{IdColumn}' is empty");
                }

                if (!seen.TryAdd(id, line))
                {
                    throw new ParetoInputException($"{path}:{line}: id '{id}' appears again (first on line {seen[id]})");
                }

                var values = new double[columns.Length];
                for (var j = 0; j < columns.Length; j++)
                {
                    var text = reader.GetString(columns[j]);
                    if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[j]) || !double.IsFinite(values[j]))
                    {
                        throw new ParetoInputException($"{path}:{line}: column '{objectives[j].Name}': '{text}' is not a number");
                    }
                }

                candidates.Add(new Candidate(id, values));
            }

            return candidates.Count > 0 ? candidates : throw new ParetoInputException($"{path}: the table has no candidates");
        }
        catch (CsvFormatException ex)
        {
            throw new ParetoInputException(ex.LineNumber > 0 ? $"{path}:{ex.LineNumber}: {ex.Message}" : $"{path}: {ex.Message}");
        }
    }

    private static int Column(string path, List<string> headers, string name)
    {
        var index = headers.IndexOf(name);
        return index >= 0
            ? index
            : throw new ParetoInputException($"{path}:1: no column '{name}'; the columns are {string.Join(", ", headers)}");
    }
}

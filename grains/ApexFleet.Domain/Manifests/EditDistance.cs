namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Levenshtein distance, to point a misspelt field or value at the one the author meant.
/// Written here (thirty lines) rather than taken from a package: Fastenshtein is not served to this build,
/// and a misspelling is usually two letters swapped, which plain Levenshtein counts as two edits.
/// </summary>
public static class EditDistance
{
    /// <summary>Edits (insert, delete, replace, swap two neighbours) between two names, ignoring case: the optimal-string-alignment distance.</summary>
    public static int Between(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static bool Same(char x, char y) => char.ToLowerInvariant(x) == char.ToLowerInvariant(y);

    /// <summary>
    /// The closest known name, when it is close enough to be a slip: at most a third of the typed
    /// name's letters differ (so <c>seeed</c> → <c>seed</c>, but <c>colour</c> suggests nothing).
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Between(typed, k))).OrderBy(c => c.Distance).ThenBy(c => Math.Abs(c.Name.Length - typed.Length)).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, typed.Length / 3) ? best.Name : null;
    }

    /// <summary>" did you mean 'x'?" when a close name exists, else nothing; to append to a message.</summary>
    public static string Suggest(string typed, IEnumerable<string> known) =>
        Closest(typed, known) is { } name ? $" did you mean '{name}'?" : "";
}

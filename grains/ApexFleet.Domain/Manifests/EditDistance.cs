namespace ApexFleet.Domain.Manifests;

/// <summary>
/// Levenshtein distance, to point a misspelt field or value at the one the author meant.
/// Written here because no maintained edit-distance package (Fastenshtein) is served to this build.
/// </summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// The closest known name, when it is close enough to be a slip: at most a third of the typed
    /// name's letters differ (so <c>seeed</c> → <c>seed</c>, but <c>colour</c> suggests nothing).
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Between(typed, k))).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, typed.Length / 3) ? best.Name : null;
    }

    /// <summary>" did you mean 'x'?" when a close name exists, else nothing; to append to a message.</summary>
    public static string Suggest(string typed, IEnumerable<string> known) =>
        Closest(typed, known) is { } name ? $" did you mean '{name}'?" : "";
}

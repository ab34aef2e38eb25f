using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Abstractions.Json;

/// <summary>
/// The one JSON contract of everything ApexFleet writes: the HTTP API, the CLI's <c>--json</c> and
/// the simulator's <c>--report-json</c>. Property names in camelCase, enums by name, indented, text
/// escaped only where JSON requires it (<c>'</c>, <c>&lt;</c>, non-ASCII stay as they are), and
/// floating-point values that are not numbers (NaN while a gate or statistic has no samples, ±∞ from
/// a ratio over zero) written as the strings <c>"NaN"</c>, <c>"Infinity"</c> and <c>"-Infinity"</c>:
/// JSON has no literal for them, and null would lose which one it was. Readers on .NET get them back
/// as doubles with <see cref="Options"/>.
/// </summary>
public static class FleetJson
{
    /// <summary>The contract, ready to use (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// Applies the contract to options someone else owns (ASP.NET Core's HTTP JSON options), so
    /// the API and the CLI cannot drift apart.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.WriteIndented = true;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals;
        // Converters in the options outrank a type's own [JsonConverter]: a gate's operator reads as
        // its manifest symbol ("<="), so it goes before the by-name rule for every other enum.
        if (!options.Converters.Any(c => c is ComparisonOperatorJson))
        {
            options.Converters.Insert(0, new ComparisonOperatorJson());
        }

        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

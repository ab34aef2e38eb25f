using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ApexFleet.Cli.Commands;

/// <summary>
/// Numeric options that take only what they can use: a number (not NaN or ∞) within a range.
/// Anything else is a parse error that names the option, the range and what was given, so it ends
/// as one <c>error:</c> line and exit code 2 — never as an exception in a validator or an action.
/// </summary>
public static class NumberOption
{
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.CustomParser = result => Parse(result, option.Name, min, max) ?? default;
        return option;
    }

    public static Option<T?> Within<T>(this Option<T?> option, T min, T max)
        where T : struct, INumber<T>
    {
        option.CustomParser = result => Parse(result, option.Name, min, max);
        return option;
    }

    /// <summary>A TCP port, 1 to 65535.</summary>
    public static Option<int> Port(this Option<int> option) => option.Within(1, 65535);

    private static T? Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, INumber<T>
    {
        // Only called for a value on the command line; an absent option takes its default.
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        // Integer types truncate a half to zero; floating-point ones keep it.
        var whole = T.IsZero(T.One / (T.One + T.One));
        var styles = whole ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && T.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        var kind = whole ? "a whole number" : "a number";
        result.AddError($"{name} must be {kind} from {Text(min)} to {Text(max)} (got '{text}')");
        return null;
    }

    private static string Text<T>(T value)
        where T : struct, INumber<T> => value.ToString(null, CultureInfo.InvariantCulture);
}

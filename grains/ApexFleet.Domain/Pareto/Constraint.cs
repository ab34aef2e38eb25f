using System.Globalization;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Pareto;

/// <summary>A hard limit on one objective, e.g. <c>latency&lt;=50</c>: a candidate that breaks it is not considered at all.</summary>
public sealed record Constraint(string Objective, ComparisonOperator Operator, double Bound)
{
    // Longest symbols first, so "<=" is not read as "<" followed by "=50".
    private static readonly (string Symbol, ComparisonOperator Operator)[] Symbols =
    [
        ("<=", ComparisonOperator.LessOrEqual),
        (">=", ComparisonOperator.GreaterOrEqual),
        ("<", ComparisonOperator.Less),
        (">", ComparisonOperator.Greater),
    ];

    public bool Holds(double value) => Operator.Holds(value, Bound);

    public override string ToString() => $"{Objective}{Operator.Symbol()}{ParetoText.Number(Bound)}";

    public static Constraint Parse(string text)
    {
        foreach (var (symbol, op) in Symbols)
        {
            var at = text.IndexOf(symbol, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = text[..at].Trim();
            var bound = text[(at + symbol.Length)..].Trim();
            if (name.Length == 0)
            {
                break;
            }

            if (!double.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                throw new ParetoInputException($"constraint '{text}': '{bound}' is not a number");
            }

            return new Constraint(name, op, value);
        }

        throw new ParetoInputException($"constraint '{text}' must look like NAME<=NUMBER (operators <=, <, >=, >)");
    }
}

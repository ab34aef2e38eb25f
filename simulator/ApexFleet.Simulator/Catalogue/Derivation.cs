using System.Globalization;

namespace ApexFleet.Simulator.Catalogue;

/// <summary>
/// A catalogue figure recomputed from its <c>source</c>: an expression over reference figure ids
/// (<c>R2:s24-w8a8</c>), numbers, <c>+ - * /</c>, parentheses and <c>mean(…)</c>. Binary
/// operators need spaces around them, as ids contain hyphens.
/// </summary>
public sealed record Derivation(string Expression, double Value, IReadOnlyList<string> Figures, bool HasBareNumber)
{
    /// <summary>Evaluates <paramref name="expression"/>; an id the table lacks or bad syntax is a <see cref="FormatException"/>.</summary>
    public static Derivation Evaluate(string expression, ReferenceTable references)
    {
        var parser = new Parser(expression, references);
        var value = parser.Expression();
        parser.End();
        return new Derivation(expression, value, parser.Figures, parser.HasBareNumber);
    }

    private sealed class Parser(string text, ReferenceTable references)
    {
        private int _at;

        public List<string> Figures { get; } = [];

        public bool HasBareNumber { get; private set; }

        public double Expression()
        {
            var value = Term();
            while (Accept('+') || Accept('-'))
            {
                var plus = text[_at - 1] == '+';
                var right = Term();
                value = plus ? value + right : value - right;
            }

            return value;
        }

        public void End()
        {
            SkipSpaces();
            if (_at < text.Length)
            {
                throw Error("unexpected text");
            }
        }

        private double Term()
        {
            var value = Factor();
            while (Accept('*') || Accept('/'))
            {
                var times = text[_at - 1] == '*';
                var right = Factor();
                value = times ? value * right : value / right;
            }

            return value;
        }

        private double Factor()
        {
            SkipSpaces();
            if (Accept('('))
            {
                var inner = Expression();
                Expect(')');
                return inner;
            }

            if (text.AsSpan(_at).StartsWith("mean(", StringComparison.Ordinal))
            {
                _at += "mean(".Length;
                var terms = new List<double> { Expression() };
                while (Accept(','))
                {
                    terms.Add(Expression());
                }

                Expect(')');
                return terms.Average();
            }

            if (_at + 1 < text.Length && text[_at] == 'R' && char.IsAsciiDigit(text[_at + 1]))
            {
                var id = Take(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '.');
                Figures.Add(id);
                return references.TryGet(id, out var figure) ? figure.Value : throw Error($"'{id}' is not a figure of the reference table");
            }

            var number = Take(c => char.IsAsciiDigit(c) || c == '.');
            if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var literal))
            {
                throw Error("expected a figure id, a number, '(' or mean(");
            }

            HasBareNumber = true;
            return literal;
        }

        private string Take(Func<char, bool> allowed)
        {
            var start = _at;
            while (_at < text.Length && allowed(text[_at]))
            {
                _at++;
            }

            return text[start.._at];
        }

        private bool Accept(char c)
        {
            SkipSpaces();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            if (!Accept(c))
            {
                throw Error($"expected '{c}'");
            }
        }

        private void SkipSpaces()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }

        private FormatException Error(string what) => new($"source \"{text}\", at {_at + 1}: {what}");
    }
}

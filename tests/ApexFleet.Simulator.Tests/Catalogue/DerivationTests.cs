using ApexFleet.Simulator.Catalogue;

namespace ApexFleet.Simulator.Tests.Catalogue;

public class DerivationTests
{
    private static readonly ReferenceTable Table = new(
    [
        new ReferenceFigure { Id = "R1:a", Source = "R1", Unit = "ms", Value = 2 },
        new ReferenceFigure { Id = "R1:b-c", Source = "R1", Unit = "ms", Value = 8 },
    ]);

    [Theory]
    [InlineData("R1:a", 2, false)]
    [InlineData("R1:b-c / R1:a * R1:a", 8, false)]
    [InlineData("R1:b-c - R1:a", 6, false)]
    [InlineData("mean(R1:a, R1:b-c) - (R1:a + R1:a)", 1, false)]
    [InlineData("R1:a * 1.5", 3, true)]
    public void Expressions_over_figure_ids_evaluate_left_to_right_with_the_usual_precedence(string expression, double value, bool bare)
    {
        var derived = Derivation.Evaluate(expression, Table);

        Assert.Equal(value, derived.Value, 12);
        Assert.Equal(bare, derived.HasBareNumber);
    }

    [Theory]
    [InlineData("R1:nope", "is not a figure")]
    [InlineData("R1:a *", "expected a figure id")]
    [InlineData("R1:a R1:a", "unexpected text")]
    public void An_unknown_id_or_broken_expression_is_refused_naming_the_place(string expression, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Derivation.Evaluate(expression, Table));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}

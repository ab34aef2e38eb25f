using ApexFleet.Domain.Pareto;
using ApexFleet.Domain.Rollout;

namespace ApexFleet.Domain.Tests.Pareto;

public class ParetoParsingTests
{
    [Fact]
    public void Objectives_are_read_with_their_directions()
    {
        Assert.Equal(
            [new Objective("latency", ObjectiveDirection.Minimize), new Objective("energy", ObjectiveDirection.Minimize), new Objective("accuracy", ObjectiveDirection.Maximize)],
            Objective.ParseList("latency:min, energy:MIN,accuracy:max"));
    }

    [Theory]
    [InlineData("latency", "objective 'latency' must be NAME:min or NAME:max")]
    [InlineData("latency:low", "objective 'latency:low': direction must be min or max (got 'low')")]
    [InlineData("latency:min,latency:max", "objective 'latency' is named more than once")]
    public void Bad_objectives_are_refused(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<ParetoInputException>(() => Objective.ParseList(text)).Message);
    }

    [Theory]
    [InlineData("latency<=50", "latency", ComparisonOperator.LessOrEqual, 50)]
    [InlineData("latency < 50", "latency", ComparisonOperator.Less, 50)]
    [InlineData("accuracy>=0.7", "accuracy", ComparisonOperator.GreaterOrEqual, 0.7)]
    [InlineData(" energy>1e-3", "energy", ComparisonOperator.Greater, 0.001)]
    public void Constraints_are_read_with_every_operator(string text, string name, ComparisonOperator op, double bound)
    {
        Assert.Equal(new Constraint(name, op, bound), Constraint.Parse(text));
    }

    [Fact]
    public void A_constraint_holds_on_its_bound_only_when_the_operator_allows_it()
    {
        Assert.True(Constraint.Parse("latency<=50").Holds(50));
        Assert.False(Constraint.Parse("latency<50").Holds(50));
        Assert.True(Constraint.Parse("accuracy>=0.7").Holds(0.7));
        Assert.False(Constraint.Parse("accuracy>0.7").Holds(0.7));
        Assert.Equal("accuracy>=0.7", Constraint.Parse("accuracy >= 0.7").ToString());
    }

    [Theory]
    [InlineData("latency=50", "constraint 'latency=50' must look like NAME<=NUMBER (operators <=, <, >=, >)")]
    [InlineData("<=50", "constraint '<=50' must look like NAME<=NUMBER (operators <=, <, >=, >)")]
    [InlineData("latency<=fast", "constraint 'latency<=fast': 'fast' is not a number")]
    public void Bad_constraints_are_refused(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<ParetoInputException>(() => Constraint.Parse(text)).Message);
    }

    [Fact]
    public void Named_values_are_read_in_any_order()
    {
        Assert.Equal(new Dictionary<string, double> { ["latency"] = 0.5, ["energy"] = 0.3 }, NamedValues.Parse("energy=0.3, latency=0.5", "weight"));
        Assert.Equal("weight 'latency' must be NAME=NUMBER", Assert.Throws<ParetoInputException>(() => NamedValues.Parse("latency", "weight")).Message);
        Assert.Equal("weight 'latency=x': 'x' is not a number", Assert.Throws<ParetoInputException>(() => NamedValues.Parse("latency=x", "weight")).Message);
        Assert.Equal("weight names 'a' more than once", Assert.Throws<ParetoInputException>(() => NamedValues.Parse("a=1,a=2", "weight")).Message);
    }
}

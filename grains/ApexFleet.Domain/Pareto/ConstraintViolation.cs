namespace ApexFleet.Domain.Pareto;

/// <summary>A constraint a candidate breaks, with the value it had.</summary>
public sealed record ConstraintViolation(Constraint Constraint, double Observed)
{
    public override string ToString() => $"{Constraint.Objective} {ParetoText.Number(Observed)} breaks {Constraint}";
}

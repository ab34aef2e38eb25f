namespace ApexFleet.Domain.Pareto;

public enum ObjectiveDirection
{
    Minimize = 0,
    Maximize = 1,
}

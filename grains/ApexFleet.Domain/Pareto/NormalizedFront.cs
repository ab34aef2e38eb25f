namespace ApexFleet.Domain.Pareto;

/// <summary>
/// Min-max normalised objectives over the members of a front: 0 is the best value on the front,
/// 1 the worst, whatever the direction and unit. An objective on which every member is equal is 0
/// for all, so it cannot sway a choice.
/// </summary>
internal sealed class NormalizedFront
{
    public NormalizedFront(IReadOnlyList<Objective> objectives, IReadOnlyList<Candidate> front)
    {
        Members = front;
        Values = new double[front.Count][];
        for (var i = 0; i < front.Count; i++)
        {
            Values[i] = new double[objectives.Count];
        }

        for (var j = 0; j < objectives.Count; j++)
        {
            var column = front.Select(c => objectives[j].ToMinimized(c.Values[j])).ToArray();
            var best = column.Min();
            var range = column.Max() - best;
            for (var i = 0; i < front.Count; i++)
            {
                Values[i][j] = range > 0 ? (column[i] - best) / range : 0;
            }
        }
    }

    public IReadOnlyList<Candidate> Members { get; }

    public double[][] Values { get; }
}

namespace ApexFleet.Domain.Pareto;

/// <summary>
/// A two-dimensional front of minimised points (x ascending, y descending) and the area it dominates
/// up to a reference corner, kept up to date as points arrive. The three-dimensional hypervolume
/// sweep stacks these areas.
/// </summary>
internal sealed class Staircase(double referenceX, double referenceY)
{
    private readonly List<double> _xs = [];
    private readonly List<double> _ys = [];

    public double Area { get; private set; }

    public void Insert(double x, double y)
    {
        var at = LowerBound(x);
        if ((at > 0 && _ys[at - 1] <= y) || (at < _xs.Count && _xs[at] == x && _ys[at] <= y))
        {
            return; // weakly dominated: the area does not change
        }

        // Only the predecessor's step, the steps of the points the new one covers, and its own change.
        if (at > 0)
        {
            Area -= (NextX(at - 1) - _xs[at - 1]) * (referenceY - _ys[at - 1]);
        }

        var covered = 0;
        while (at + covered < _xs.Count && _ys[at + covered] >= y)
        {
            Area -= (NextX(at + covered) - _xs[at + covered]) * (referenceY - _ys[at + covered]);
            covered++;
        }

        _xs.RemoveRange(at, covered);
        _ys.RemoveRange(at, covered);
        _xs.Insert(at, x);
        _ys.Insert(at, y);
        if (at > 0)
        {
            Area += (NextX(at - 1) - _xs[at - 1]) * (referenceY - _ys[at - 1]);
        }

        Area += (NextX(at) - x) * (referenceY - y);
    }

    private double NextX(int index) => index + 1 < _xs.Count ? _xs[index + 1] : referenceX;

    private int LowerBound(double x)
    {
        var low = 0;
        var high = _xs.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_xs[mid] < x)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}

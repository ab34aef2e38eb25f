namespace ApexFleet.LoadTest.Agents;

/// <summary>
/// Which chipset each virtual agent has, by share. Agents are dealt out so that every prefix of them
/// (the first n, as a ramp-up brings them in) is as close to the shares as whole agents allow.
/// </summary>
public sealed class AgentMix
{
    private readonly string[] _chipsets;
    private readonly double[] _shares;

    public AgentMix(IReadOnlyList<(string Chipset, double Weight)> weights)
    {
        if (weights.Count == 0 || weights.Any(w => !(w.Weight > 0) || !double.IsFinite(w.Weight)))
        {
            throw new ArgumentException("a mix needs at least one chipset, each with a positive weight", nameof(weights));
        }

        var total = weights.Sum(w => w.Weight);
        _chipsets = [.. weights.Select(w => w.Chipset)];
        _shares = [.. weights.Select(w => w.Weight / total)];
    }

    /// <summary>Four chipset families of the catalogue from flagship to budget, in equal parts.</summary>
    public static AgentMix Default { get; } = new([("snapdragon-8-gen-3", 1), ("snapdragon-7-gen-3", 1), ("exynos-2400", 1), ("snapdragon-4-gen-2", 1)]);

    public IReadOnlyList<string> Chipsets => _chipsets;

    /// <summary>The chipset of each of the first <paramref name="agents"/> agents.</summary>
    public string[] Deal(int agents)
    {
        var dealt = new string[agents];
        var counts = new int[_chipsets.Length];
        for (var i = 0; i < agents; i++)
        {
            // The chipset furthest behind its share of the first i + 1 agents; ties to the first listed.
            var best = 0;
            var bestDeficit = double.NegativeInfinity;
            for (var c = 0; c < _chipsets.Length; c++)
            {
                var deficit = (_shares[c] * (i + 1)) - counts[c];
                if (deficit > bestDeficit + 1e-12)
                {
                    best = c;
                    bestDeficit = deficit;
                }
            }

            counts[best]++;
            dealt[i] = _chipsets[best];
        }

        return dealt;
    }
}

namespace ApexFleet.Simulator.Population;

/// <summary>
/// A small, fast, reseedable generator (SplitMix64). Each device draws from its own stream seeded by
/// (scenario seed, device, tick), so the numbers a device sees do not depend on thread scheduling:
/// the same seed gives the same fleet and the same telemetry.
/// </summary>
public sealed class SeededRandom : Random
{
    private ulong _state;

    public SeededRandom(ulong seed) => _state = seed;

    public static ulong Mix(ulong a, ulong b, ulong c = 0)
    {
        var x = a ^ (b * 0x9E3779B97F4A7C15UL) ^ (c * 0xC2B2AE3D27D4EB4FUL);
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public void Reseed(ulong seed) => _state = seed;

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue) => (int)(NextDouble() * maxValue);

    public override int Next(int minValue, int maxValue) => minValue + (int)(NextDouble() * ((long)maxValue - minValue));

    public override void NextBytes(byte[] buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)NextUInt64();
        }
    }

    protected override double Sample() => NextDouble();

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

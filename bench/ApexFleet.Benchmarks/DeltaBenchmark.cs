using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Registry;

namespace ApexFleet.Benchmarks;

/// <summary>
/// `bench delta`: the registry's zstd patch-from delta against the whole artifact, on two real files
/// (<c>--from</c>, <c>--to</c>) or on generated float32 weights where a share of the tensors is retrained.
/// </summary>
public static class DeltaBenchmark
{
    public static Command Create()
    {
        var tensors = new Option<int>("--tensors") { Description = "Tensors in the generated weights.", DefaultValueFactory = _ => 100 }.Within(1, 100_000);
        var floats = new Option<int>("--floats-per-tensor") { Description = "float32 values per generated tensor.", DefaultValueFactory = _ => 16_384 }.Within(1, 10_000_000);
        var changed = new Option<double>("--changed-percent") { Description = "Share of the tensors the new version retrains.", DefaultValueFactory = _ => 10 }.Within(0.0, 100.0);
        var from = new Option<FileInfo?>("--from") { Description = "The previous artifact (instead of generated weights)." };
        var to = new Option<FileInfo?>("--to") { Description = "The new artifact." };
        var command = new Command("delta", "Size and time of a new version's delta (zstd patch-from, as the registry makes it) against its whole artifact, and a check that it rebuilds the exact bytes.")
        {
            tensors, floats, changed, from, to,
        };
        command.SetAction(parse =>
        {
            byte[] previous, next;
            string what;
            if (parse.GetValue(from) is { } a && parse.GetValue(to) is { } b)
            {
                (previous, next, what) = (File.ReadAllBytes(a.FullName), File.ReadAllBytes(b.FullName), $"{a.Name} -> {b.Name}");
            }
            else
            {
                var (t, f, share) = (parse.GetValue(tensors), parse.GetValue(floats), parse.GetValue(changed) / 100);
                previous = Weights(t, f, new Random(1));
                next = Retrain(previous, t, share, new Random(2));
                what = string.Create(CultureInfo.InvariantCulture, $"{t} float32 tensors of {f:N0} values, {share:P0} of them retrained");
            }

            var clock = Stopwatch.StartNew();
            var delta = DeltaCodec.Create(previous, next);
            var create = clock.Elapsed;
            clock.Restart();
            var rebuilt = DeltaCodec.Apply(previous, delta, next.Length);
            var apply = clock.Elapsed;
            if (ArtifactDigest.Of(rebuilt) != ArtifactDigest.Of(next))
            {
                Console.Error.WriteLine("error: the delta did not rebuild the new artifact");
                return ExitCodes.RolloutFailed;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                {what}
                artifact {next.Length:N0} bytes, delta {delta.Length:N0} bytes: {(double)delta.Length / next.Length:P2} of the artifact (zstd level {DeltaCodec.Level}, long-distance matching)
                delta made in {create.TotalMilliseconds:N0} ms, applied in {apply.TotalMilliseconds:N0} ms; rebuilt bytes have the new artifact's digest
                """));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[] Weights(int tensors, int floatsPerTensor, Random rng)
    {
        var values = new float[tensors * floatsPerTensor];
        for (var i = 0; i < values.Length; i++)
        {
            // Trained weights sit near zero: a normal of spread 0.05 (Box-Muller).
            values[i] = (float)(0.05 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));
        }

        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }

    /// <summary>Every tensor the share picks gets new values; the others keep their bytes.</summary>
    private static byte[] Retrain(byte[] weights, int tensors, double share, Random rng)
    {
        var next = (byte[])weights.Clone();
        var tensorBytes = weights.Length / tensors;
        var picked = Enumerable.Range(0, tensors).OrderBy(_ => rng.Next()).Take((int)Math.Round(tensors * share));
        var values = MemoryMarshal.Cast<byte, float>(next.AsSpan());
        foreach (var t in picked)
        {
            var slice = values.Slice(t * tensorBytes / 4, tensorBytes / 4);
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] += (float)(0.01 * ((rng.NextDouble() * 2) - 1));
            }
        }

        return next;
    }
}

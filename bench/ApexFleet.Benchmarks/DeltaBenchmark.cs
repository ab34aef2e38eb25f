using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Registry;
using ZstdSharp;

namespace ApexFleet.Benchmarks;

/// <summary>
/// `bench delta`: the registry's zstd patch-from delta against the whole artifact, on two real files
/// or two folders of them (<c>--from</c>, <c>--to</c>), or on generated float32 weights where a share of
/// the tensors is retrained.
/// </summary>
public static class DeltaBenchmark
{
    public static Command Create()
    {
        var tensors = new Option<int>("--tensors") { Description = "Tensors in the generated weights.", DefaultValueFactory = _ => 100 }.Within(1, 100_000);
        var floats = new Option<int>("--floats-per-tensor") { Description = "float32 values per generated tensor.", DefaultValueFactory = _ => 16_384 }.Within(1, 10_000_000);
        var changed = new Option<double>("--changed-percent") { Description = "Share of the tensors the new version retrains.", DefaultValueFactory = _ => 10 }.Within(0.0, 100.0);
        var from = new Option<string?>("--from") { Description = "The previous artifact, or a folder of them (instead of generated weights), e.g. models/digits." };
        var to = new Option<string?>("--to") { Description = "The new artifact, or a folder whose files pair with --from's by name, e.g. models/digits/v2." };
        var command = new Command("delta", "Size and time of a new version's delta (zstd patch-from, as the registry makes it) against its whole artifact, and a check that it rebuilds the exact bytes.")
        {
            tensors, floats, changed, from, to,
        };
        command.SetAction(parse =>
        {
            List<(string What, byte[] Previous, byte[] Next)> pairs;
            var (a, b) = (parse.GetValue(from), parse.GetValue(to));
            if (a is not null || b is not null)
            {
                if (Pairs(a, b) is not { } found)
                {
                    return ExitCodes.BadInput;
                }

                pairs = found;
            }
            else
            {
                var (t, f, share) = (parse.GetValue(tensors), parse.GetValue(floats), parse.GetValue(changed) / 100);
                var previous = Weights(t, f, new Random(1));
                pairs = [(string.Create(CultureInfo.InvariantCulture, $"{t} float32 tensors of {f:N0} values, {share:P0} of them retrained"), previous, Retrain(previous, t, share, new Random(2)))];
            }

            // zstd's first context pays for the JIT; the first pair's times would show it.
            DeltaCodec.Apply(pairs[0].Previous, DeltaCodec.Create(pairs[0].Previous, pairs[0].Next), pairs[0].Next.Length);
            Console.WriteLine($"zstd level {DeltaCodec.Level}, long-distance matching; 'zstd alone' is the new artifact compressed without the old one");
            Console.WriteLine($"{"artifact",-40} {"bytes",12} {"delta",12} {"delta/bytes",11} {"zstd alone",12} {"make ms",8} {"apply ms",8}");
            foreach (var (what, previous, next) in pairs)
            {
                var clock = Stopwatch.StartNew();
                var delta = DeltaCodec.Create(previous, next);
                var create = clock.Elapsed;
                clock.Restart();
                var rebuilt = DeltaCodec.Apply(previous, delta, next.Length);
                var apply = clock.Elapsed;
                if (ArtifactDigest.Of(rebuilt) != ArtifactDigest.Of(next))
                {
                    Console.Error.WriteLine($"error: {what}: the delta did not rebuild the new artifact");
                    return ExitCodes.RolloutFailed;
                }

                using var alone = new Compressor(DeltaCodec.Level);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{what,-40} {next.Length,12:N0} {delta.Length,12:N0} {(double)delta.Length / next.Length,11:P2} {alone.Wrap(next).Length,12:N0} {create.TotalMilliseconds,8:N0} {apply.TotalMilliseconds,8:N0}"));
            }

            Console.WriteLine("every delta rebuilt bytes with its new artifact's digest");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Two files, or every file of the <c>to</c> folder with a namesake in the <c>from</c> folder;
    /// null (after saying why on stderr) when the paths do not pair up.
    /// </summary>
    private static List<(string, byte[], byte[])>? Pairs(string? from, string? to)
    {
        if (from is null || to is null)
        {
            Console.Error.WriteLine("error: --from and --to go together (the previous and the new artifact, or two folders of them)");
            return null;
        }

        if (File.Exists(from) && File.Exists(to))
        {
            return [($"{from} -> {to}", File.ReadAllBytes(from), File.ReadAllBytes(to))];
        }

        if (Directory.Exists(from) && Directory.Exists(to))
        {
            var pairs = Directory.GetFiles(to).Order(StringComparer.Ordinal)
                .Where(next => File.Exists(Path.Combine(from, Path.GetFileName(next))))
                .Select(next => (Path.GetFileName(next), File.ReadAllBytes(Path.Combine(from, Path.GetFileName(next))), File.ReadAllBytes(next)))
                .ToList();
            if (pairs.Count == 0)
            {
                Console.Error.WriteLine($"error: no file in --to {to} has a namesake in --from {from}");
                return null;
            }

            return pairs;
        }

        foreach (var (option, path) in new[] { ("--from", from), ("--to", to) })
        {
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"error: {option} {path}: no such file or folder");
                return null;
            }
        }

        Console.Error.WriteLine($"error: --from {from} and --to {to} must both be files or both be folders");
        return null;
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

using System.Globalization;
using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using Spectre.Console;

namespace ApexFleet.Cli.Output;

/// <summary>The registry's entries for people.</summary>
public static class RegistryTables
{
    public static void Pushed(RegisteredArtifact e)
    {
        var m = e.Manifest;
        Console.WriteLine($"pushed model {m.ModelId} version {m.Version} variant {m.Variant.ToLabel()}: {m.SizeBytes:N0} bytes, {m.Digest}, signed by key {e.KeyId}");
        Console.WriteLine(e.Delta is { } d
            ? $"  delta from {d.FromVersion}: {d.SizeBytes:N0} bytes ({e.DeltaRatio!.Value.ToString("P1", CultureInfo.InvariantCulture)} of the artifact)"
            : "  no delta (no earlier version of this variant in the registry)");
    }

    public static void List(List<RegisteredArtifact> entries)
    {
        var table = new Table().AddColumns("model", "version", "variant", "bytes", "digest", "delta", "signer", "classification", "ethics");
        foreach (var e in entries)
        {
            var m = e.Manifest;
            table.AddRow(
                Markup.Escape(m.ModelId), Markup.Escape(m.Version), m.Variant.ToLabel(), m.SizeBytes.ToString("N0", CultureInfo.InvariantCulture), m.Digest[..19] + "…",
                e.Delta is { } d ? $"{d.SizeBytes:N0} from {Markup.Escape(d.FromVersion)}" : "-", e.KeyId, Markup.Escape(m.DataClassification ?? "-"),
                m.Ethics?.Status.ToString() ?? "-");
        }

        AnsiConsole.Write(table);
    }

    public static void Show(List<RegisteredArtifact> entries)
    {
        foreach (var e in entries)
        {
            var m = e.Manifest;
            Console.WriteLine($"{m.ModelId} {m.Version} {m.Variant.ToLabel()}  {m.SizeBytes:N0} bytes  {m.Digest}");
            Console.WriteLine($"  signed by key {e.KeyId}, registered {e.RegisteredAt:u}");
            Console.WriteLine($"  lineage: parent {m.ParentVersion ?? "-"}, training data {m.TrainingData ?? "-"}; classification {m.DataClassification ?? "-"}");
            Console.WriteLine(m.Ethics is { } ethics ? $"  ethical assessment: {ethics.Status} by {ethics.By ?? "?"} at {ethics.At?.ToString("u", CultureInfo.InvariantCulture) ?? "?"}" : "  ethical assessment: none");
            if (e.Delta is { } d)
            {
                Console.WriteLine($"  delta from {d.FromVersion}: {d.SizeBytes:N0} bytes ({e.DeltaRatio!.Value.ToString("P1", CultureInfo.InvariantCulture)})");
            }

            foreach (var b in m.Benchmarks ?? [])
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {b.Chipset}: p95 {b.LatencyP95Ms} ms, {b.EnergyMj} mJ, accuracy {b.AccuracyPercent} %, {b.MemoryMb} MB"));
            }
        }
    }
}

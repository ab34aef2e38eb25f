using System.Globalization;
using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.Cli.Output;

/// <summary>A load test's figures as the console shows them.</summary>
public static class LoadTables
{
    public static void Summary(LoadResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"Load test: {r.Agents:N0} agents over {r.Connections} {r.Transport} connection(s) to {r.Target}, {(r.Inference ? "ONNX inference per report" : "no inference")}, "
            + (r.IntervalSeconds > 0 ? $"one report per agent every {r.IntervalSeconds:0.###} s" : "reports back to back"));
        Console.WriteLine($"  {"measured",-22}{r.MeasuredSeconds,14:N1} s");
        Console.WriteLine($"  {"enrolled",-22}{r.Enrolled,14:N0}");
        Console.WriteLine($"  {"reports sent",-22}{r.Sent,14:N0}");
        Console.WriteLine($"  {"accepted",-22}{r.Accepted,14:N0}   {r.AcceptedPerSecond:N0}/s");
        Console.WriteLine($"  {"rejected",-22}{r.Rejected,14:N0}");
        Console.WriteLine($"  {"errors",-22}{r.Errors,14:N0}");
        foreach (var (kind, count) in r.ErrorsByKind)
        {
            Console.WriteLine($"    {kind,-20}{count,14:N0}");
        }

        Console.WriteLine($"  round-trip ms         {"p50",9}{"p95",9}{"p99",9}{"max",9}");
        Console.WriteLine($"  {"",-22}{Ms(r.Latency.P50Ms),9}{Ms(r.Latency.P95Ms),9}{Ms(r.Latency.P99Ms),9}{Ms(r.Latency.MaxMs),9}");
    }

    public static void Events(IReadOnlyList<ApexFleet.LoadTest.Campaigns.CampaignEvent> events)
    {
        Console.WriteLine("  what happened, seconds since the start:");
        foreach (var e in events)
        {
            Console.WriteLine($"  {e.AtSeconds,8:0.0}s  {e.Kind,-16} {e.What}{(e.Detail.Length > 0 ? $": {e.Detail}" : "")}");
        }
    }

    /// <summary>One line per sampling interval: a progress line while the run goes on.</summary>
    public static string Progress(LoadInterval i, long accepted, long errors) =>
        $"  {i.AtSeconds,6:0.0}s  agents {i.ActiveAgents,7:N0}  {i.AcceptedPerSecond,9:N0} reports/s  p50 {Ms(i.Latency.P50Ms)} p99 {Ms(i.Latency.P99Ms)} ms  accepted {accepted:N0}  errors {errors:N0}";

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}

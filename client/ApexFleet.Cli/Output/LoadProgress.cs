using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.Cli.Output;

/// <summary>
/// A load test's progress: a line rewritten every second on a terminal, a line every five seconds
/// into a file or CI log.
/// </summary>
public sealed class LoadProgress(LoadTally tally) : IProgress<LoadInterval>
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly bool _terminal = !Console.IsOutputRedirected;
    private double _lastLine = double.MinValue;
    private bool _dirty;

    public void Enrolling(long done, long total) =>
        Write($"  enrolled {done:N0}/{total:N0}", done == total);

    public void Report(LoadInterval value) =>
        Write(LoadTables.Progress(value, tally.Accepted, tally.Errors + tally.Rejected), value.AtSeconds - _lastLine >= LogInterval.TotalSeconds, value.AtSeconds);

    public void Finish()
    {
        if (_dirty)
        {
            Console.WriteLine();
            _dirty = false;
        }
    }

    private void Write(string line, bool due, double at = 0)
    {
        if (_terminal)
        {
            Console.Write($"\r{line}".PadRight(Math.Min(Console.BufferWidth > 0 ? Console.BufferWidth : 120, 160) - 1));
            _dirty = true;
            return;
        }

        if (due)
        {
            Console.WriteLine(line);
            _lastLine = at;
        }
    }
}

using ApexFleet.Simulator.Running;

namespace ApexFleet.Cli.Output;

/// <summary>
/// Progress on the console: one line rewritten in place on a terminal, a line every few seconds
/// (and on every stage change) when the output goes to a file or CI log.
/// </summary>
public sealed class ProgressPrinter : IProgress<SimulationProgress>
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly bool _terminal = !Console.IsOutputRedirected;
    private TimeSpan _lastLine = TimeSpan.MinValue;
    private string _lastStage = "";
    private bool _dirty;

    public void Report(SimulationProgress value)
    {
        var stage = value.Status is null ? "enrolling" : $"{value.Status.Phase}/{value.Status.Stage}";
        var stageChanged = stage != _lastStage;
        _lastStage = stage;
        var line = Describe(value);
        if (_terminal)
        {
            Console.Write($"\r{line}".PadRight(Math.Min(Console.BufferWidth > 0 ? Console.BufferWidth : 120, 160) - 1));
            _dirty = true;
            if (stageChanged && value.Status is not null)
            {
                Console.WriteLine();
                _dirty = false;
            }

            return;
        }

        if (stageChanged || value.Wall - _lastLine >= LogInterval || value.Done == value.Total)
        {
            Console.WriteLine(line);
            _lastLine = value.Wall;
        }
    }

    public void Finish()
    {
        if (_dirty)
        {
            Console.WriteLine();
        }
    }

    private static string Describe(SimulationProgress p)
    {
        var bar = Bar((double)p.Done / Math.Max(p.Total, 1));
        return p.Phase == SimulationPhase.Enrolling
            ? $"[{bar}] enrolling {p.Done:N0}/{p.Total:N0} devices  {p.Wall.TotalSeconds:0.0}s"
            : $"[{bar}] tick {p.Done}/{p.Total} {p.SimulatedTime:yyyy-MM-dd HH:mm}  {p.Status!.Phase} · stage {p.Status.StageIndex + 1}/{p.Status.StageCount} '{p.Status.Stage}' {p.Status.Percent}%  on target {p.Status.Cohorts.Sum(c => c.OnTarget):N0}  reports {p.ReportsSent:N0}  {p.Wall.TotalSeconds:0.0}s";
    }

    private static string Bar(double fraction)
    {
        const int width = 20;
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new string('#', filled) + new string('.', width - filled);
    }
}

using System.Diagnostics;
using System.Text;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// A program built next to the tests (the CLI, the agent) running as its own process until the test
/// stops it the way an operator would: SIGTERM, then a kill only if it does not exit in time.
/// </summary>
public sealed class RunningProgram : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProgram(Process process) => _process = process;

    public string Name { get; private init; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static RunningProgram Start(string name, string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        var program = new RunningProgram(process) { Name = name };
        process.OutputDataReceived += (_, e) => program.Append(e.Data);
        process.ErrorDataReceived += (_, e) => program.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return program;
    }

    /// <summary>SIGTERM, as systemd or Ctrl-C would stop it; the exit code, or -1 when it had to be killed.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        using var expiry = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(expiry.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

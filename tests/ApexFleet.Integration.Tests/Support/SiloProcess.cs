using System.Diagnostics;
using System.Text;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>`apexfleet silo` as a separate process on loopback ports, killed the hard way (SIGKILL) or left to the end of the test.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string[] _args;

    private SiloProcess(Process process, int siloPort, string[] args)
    {
        _process = process;
        SiloPort = siloPort;
        _args = args;
    }

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

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

    /// <summary>Starts a silo of <paramref name="clusterId"/> on <paramref name="connectionString"/> and waits until it says it is up.</summary>
    public static Task<SiloProcess> StartAsync(string connectionString, string clusterId, TimeSpan keeperInterval)
    {
        var siloPort = FleetHost.FreePort();
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "apexfleet.dll"), "silo", "--clustering", "AdoNet", "--storage", "AdoNet",
            "--connection", connectionString, "--cluster-id", clusterId, "--silo-port", $"{siloPort}", "--gateway-port", $"{FleetHost.FreePort()}",
            "--http-port", $"{FleetHost.FreePort()}", "--keeper-interval", $"{keeperInterval.TotalMilliseconds:0}ms",
            "--data-dir", Path.Combine(Path.GetTempPath(), $"crash-silo-{Guid.NewGuid():N}"),
        ];
        return StartAsync(siloPort, args);
    }

    /// <summary>The same silo started again, on the same ports, as a service manager would restart it.</summary>
    public Task<SiloProcess> RestartAsync() => StartAsync(SiloPort, _args);

    private static async Task<SiloProcess> StartAsync(int siloPort, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var silo = new SiloProcess(Process.Start(start)!, siloPort, args);
        silo._process.OutputDataReceived += (_, e) => silo.Take(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Take(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var started = await Task.WhenAny(silo._up.Task, silo._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        if (started != silo._up.Task)
        {
            silo.Kill();
            throw new InvalidOperationException($"silo on port {siloPort} did not come up: {silo.Output}");
        }

        return silo;
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing buffered is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Take(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith("Silo up", StringComparison.Ordinal))
        {
            _up.TrySetResult();
        }
    }
}

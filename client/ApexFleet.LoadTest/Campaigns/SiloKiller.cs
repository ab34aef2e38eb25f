using System.Diagnostics;

namespace ApexFleet.LoadTest.Campaigns;

/// <summary>
/// Kills the silo process a pid file names, and only a silo: a stale pid file whose number now belongs
/// to another process (an editor, a database) is refused rather than obeyed.
/// </summary>
public static class SiloKiller
{
    /// <summary>Kills it at once (SIGKILL: a crash, not a shutdown) and returns its pid; a <see cref="CampaignException"/> says why not.</summary>
    public static int Kill(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            throw new CampaignException($"siloKill: no pid file {pidFile}");
        }

        var text = File.ReadAllText(pidFile).Trim();
        if (!int.TryParse(text, out var pid) || pid <= 1)
        {
            throw new CampaignException($"siloKill: {pidFile} holds '{text}', not a process id");
        }

        var commandLine = CommandLine(pid) ?? throw new CampaignException($"siloKill: process {pid} ({pidFile}) is not running");
        if (!IsSilo(commandLine))
        {
            throw new CampaignException($"siloKill: process {pid} ({pidFile}) is not an apexfleet silo ('{commandLine}'); refusing to kill it");
        }

        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: false);
        return pid;
    }

    /// <summary>Whether a command line runs `apexfleet silo` (the script, the built program or the bench's silo).</summary>
    public static bool IsSilo(string commandLine)
    {
        var words = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var program = Array.FindIndex(words, w => Path.GetFileName(w) is "apexfleet" or "apexfleet.dll" or "ApexFleet.Benchmarks.dll");
        return program >= 0 && words.Skip(program + 1).Any(w => w is "silo" or "gateway-silo");
    }

    private static string? CommandLine(int pid)
    {
        var path = $"/proc/{pid}/cmdline";
        return File.Exists(path) ? File.ReadAllText(path).Replace('\0', ' ').Trim() : null;
    }
}

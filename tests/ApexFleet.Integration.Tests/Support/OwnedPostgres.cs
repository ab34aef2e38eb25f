using System.Diagnostics;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// A PostgreSQL of the test's own (as scripts/postgres.sh makes one, with the Orleans schema), so a
/// test can crash and restart it without touching the run's shared one. Unlike the shared one it
/// commits synchronously: an immediate stop must lose nothing it acknowledged.
/// </summary>
public sealed class OwnedPostgres : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _dir;
    private readonly int _port;

    private OwnedPostgres(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=apexfleet";

    public static async Task<OwnedPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb missing): run `source scripts/postgres.sh` once, which installs it");
        }

        var dir = Directory.CreateTempSubdirectory("apexfleet-crash-pg.").FullName;
        var pg = new OwnedPostgres(dir, FreePort());
        await RunAsync("chmod", "755", dir);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", dir);
        }

        await pg.RunPgAsync("initdb", "-D", pg.Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await pg.StartServerAsync();
        await RunAsync("psql", "-h", "127.0.0.1", "-p", $"{pg._port}", "-U", "postgres", "-q", "-d", "postgres", "-c", "CREATE DATABASE apexfleet");
        await RunAsync("psql", "-h", "127.0.0.1", "-p", $"{pg._port}", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-d", "apexfleet",
            "-f", CliProcess.RepoFile("silo", "ApexFleet.Silo", "Database", "orleans-postgresql.sql"));
        return pg;
    }

    /// <summary>The server dies as in a crash (no checkpoint, connections cut), and comes back on the same port after <paramref name="down"/>.</summary>
    public async Task CrashAndRestartAsync(TimeSpan down)
    {
        await RunPgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        await Task.Delay(down);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private string Data => Path.Combine(_dir, "data");

    private static bool IsRoot => Environment.UserName == "root";

    private Task StartServerAsync() => RunPgAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60",
        "-o", $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c max_connections=200 -c TimeZone=UTC", "start");

    // PostgreSQL refuses to run as root: its processes belong to the postgres system user.
    private Task RunPgAsync(string tool, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Bin, tool), .. args]) : RunAsync(Path.Combine(Bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static int FreePort() => FleetHost.FreePort();
}

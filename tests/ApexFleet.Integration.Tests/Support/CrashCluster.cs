using ApexFleet.Abstractions.Deployments;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Fleet;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// Three `apexfleet silo` processes on a PostgreSQL of the test's own, a cluster client, and phones
/// that report in rounds from the test while silos and the database are killed under them.
/// </summary>
public sealed class CrashCluster : IAsyncDisposable
{
    public const string Deployment = "crash-rollout";
    public static readonly ModelSlot V1 = new("crash-model", "1.0.0", Precision.Int8);
    public static readonly TimeSpan KeeperInterval = TimeSpan.FromSeconds(3);

    private static readonly string[] Chipsets = ["chip-a", "chip-b", "chip-c"];

    private readonly string _clusterId = $"crash-{Guid.NewGuid():N}";
    private ClusterConnection? _client;
    private CancellationTokenSource? _driving;
    private Task? _driver;

    private CrashCluster(OwnedPostgres postgres) => Postgres = postgres;

    public OwnedPostgres Postgres { get; }
    public List<SiloProcess> Silos { get; } = [];
    public List<CrashPhone> Phones { get; } = [];
    public IGrainFactory Grains => _client?.Client ?? throw new InvalidOperationException("no client");
    public IDeploymentGrain Rollout => Grains.GetGrain<IDeploymentGrain>(Deployment);
    /// <summary>Report rounds in which some phone got no answer.</summary>
    public int RoundsWithLostAnswers { get; private set; }

    public static async Task<CrashCluster> StartAsync(int phones)
    {
        var cluster = new CrashCluster(await OwnedPostgres.StartAsync());
        await cluster.StartSilosAsync(3);
        await cluster.ConnectAsync();
        cluster.Phones.AddRange(Enumerable.Range(0, phones).Select(i => new CrashPhone($"crash-{i:D3}", Chipsets[i % Chipsets.Length], V1)));
        await Task.WhenAll(cluster.Phones.Select(p => p.EnrollAsync(cluster.Grains)));
        return cluster;
    }

    public async Task StartSilosAsync(int count)
    {
        // One at a time: the first creates the cluster's rows, the others join it.
        for (var i = 0; i < count; i++)
        {
            Silos.Add(await SiloProcess.StartAsync(Postgres.ConnectionString, _clusterId, KeeperInterval));
        }
    }

    /// <summary>Starts every (killed) silo again on its own ports, one after another.</summary>
    public async Task RestartSilosAsync()
    {
        for (var i = 0; i < Silos.Count; i++)
        {
            var old = Silos[i];
            Silos[i] = await old.RestartAsync();
            await old.DisposeAsync();
        }
    }

    public async Task ConnectAsync()
    {
        if (_client is not null)
        {
            var old = _client;
            _client = null;
            await Task.WhenAny(old.DisposeAsync().AsTask(), Task.Delay(TimeSpan.FromSeconds(10)));
        }

        _client = await ClusterConnection.OpenAsync(Postgres.ConnectionString, 0, _clusterId, CancellationToken.None);
    }

    /// <summary>A rollout on the silo clock: the cluster judges it every 500 ms, with nobody driving it.</summary>
    public Task StartRolloutAsync() => Rollout.Start("""
        apiVersion: apexfleet.io/v1
        kind: Deployment
        metadata: { name: crash-rollout }
        spec:
          model: { id: crash-model, version: "2.0.0", previousVersion: "1.0.0", precision: INT8 }
          stages:
            - { name: ten, percent: 10, bakeWindow: 4s, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
            - { name: half, percent: 50, bakeWindow: 8s, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
            - { name: all, percent: 100, bakeWindow: 4s, gates: [ { metric: latency_p95_ms, operator: "<=", threshold: 50, minSamples: 10, scope: cohort } ] }
        """, "crash.yaml", new StartOptions(TimeSpan.FromMilliseconds(500), DateTimeOffset.UtcNow, "crash-test"));

    /// <summary>Every phone reports about every 300 ms until <see cref="StopDrivingAsync"/>; lost answers are resent.</summary>
    public void StartDriving()
    {
        _driving = new CancellationTokenSource();
        var token = _driving.Token;
        _driver = Task.Run(async () =>
        {
            while (!token.IsCancellationRequested)
            {
                var answered = await Task.WhenAll(Phones.Select(p => p.ReportAsync(Grains)));
                RoundsWithLostAnswers += answered.All(a => a) ? 0 : 1;
                await Task.Delay(300, CancellationToken.None);
            }
        }, CancellationToken.None);
    }

    public async Task StopDrivingAsync()
    {
        if (_driving is null || _driver is null)
        {
            return;
        }

        await _driving.CancelAsync();
        await _driver;
        _driving.Dispose();
        _driving = null;
    }

    /// <summary>Polls the rollout until <paramref name="done"/> holds; the driver's failure (a refused report) ends the wait too.</summary>
    public async Task<RolloutStatus> WaitForAsync(Func<RolloutStatus, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_driver is { IsFaulted: true })
            {
                await _driver;
            }

            try
            {
                var status = await Rollout.GetStatus();
                if (done(status))
                {
                    return status;
                }
            }
            catch (Exception ex)
            {
                // The silo holding the rollout may be dead and not yet declared so.
                last = ex;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what} did not happen within {within.TotalSeconds:0} s (last error: {last?.Message}); silos: {string.Join("\n---\n", Silos.Select(s => s.Output))}");
    }

    /// <summary>Drives until every phone runs <paramref name="version"/> and its last report was answered.</summary>
    public async Task DriveUntilAllRunAsync(string version, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!Phones.All(p => p.Installed.Version == version && p.Installing is null))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Phones.Count(p => p.Installed.Version != version)} phones still do not run {version}");
            }

            await Task.Delay(250);
        }

        await StopDrivingAsync();
    }

    /// <summary>The silo process the rollout's activation lives on now.</summary>
    public async Task<SiloProcess> RolloutSiloAsync()
    {
        var address = await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(Rollout)
            ?? throw new InvalidOperationException("the rollout has no activation");
        return Silos.Single(s => s.SiloPort == address.Endpoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await StopDrivingAsync();
        if (_client is not null)
        {
            await Task.WhenAny(_client.DisposeAsync().AsTask(), Task.Delay(TimeSpan.FromSeconds(10)));
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }
}

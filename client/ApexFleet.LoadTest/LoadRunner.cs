using System.Diagnostics;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Fleet;
using ApexFleet.LoadTest.Agents;
using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.LoadTest;

/// <summary>
/// Runs virtual agents over shared connections: agent i uses connection i mod K, each connection goes
/// round its agents with a sliding window of reports in flight, and once a second the interval's
/// throughput, refusals, errors and latency percentiles are taken (and handed to progress). A closed
/// loop: the percentiles are those of the reports sent, not back-filled for ones a stall kept back
/// (coordinated omission, docs/REFERENCES.md [R78]).
/// </summary>
public sealed class LoadRunner
{
    private static readonly TimeSpan Sampling = TimeSpan.FromSeconds(1);

    private readonly LoadPlan _plan;
    private readonly IReadOnlyList<IDeviceLink> _connections;
    private readonly SharedSessions? _inference;
    private readonly LoadAgent[][] _byConnection;
    private readonly LoadTally _tally = new();
    private readonly LatencyLog _latencies = new();

    public LoadRunner(LoadPlan plan, IReadOnlyList<IDeviceLink> connections, SharedSessions? inference)
    {
        _plan = plan;
        _connections = connections;
        _inference = inference;
        var chipsets = plan.Mix.Deal(plan.Agents);
        var precisions = Enum.GetValues<Precision>();
        Agents = [.. Enumerable.Range(0, plan.Agents).Select(i =>
        {
            var id = plan.DeviceId(i);
            var profile = new DeviceProfile(chipsets[i], chipsets[i], "unknown", "android", "15", "eu", "loadtest", i % 2 == 0 ? "group-a" : "group-b", "arm64-v8a", 35);
            // Every variant runs, in turn, so each shared session is used.
            var installed = new ModelSlot(plan.ModelId, plan.Version, precisions[i % precisions.Length]);
            return new LoadAgent(id, profile, installed, connections[i % connections.Count]);
        })];
        _byConnection = [.. Enumerable.Range(0, connections.Count).Select(c => Agents.Where((_, i) => i % connections.Count == c).ToArray())];
    }

    public IReadOnlyList<LoadAgent> Agents { get; }

    public LoadTally Tally => _tally;

    /// <summary>
    /// How many agents take part at a time into the run (the first that many);
    /// all of them unless a campaign says otherwise.
    /// </summary>
    public Func<TimeSpan, int>? ActiveAt { get; init; }

    /// <summary>Enrols every agent before the measured run (counted under errors if that fails).</summary>
    public async Task EnrolAllAsync(IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        var total = _plan.Agents;
        using var ticker = new PeriodicTimer(Sampling);
        var reporting = Task.Run(async () =>
        {
            while (await ticker.WaitForNextTickAsync(CancellationToken.None))
            {
                progress?.Report((_tally.Enrolled + _tally.Errors, total));
            }
        }, CancellationToken.None);
        await Task.WhenAll(_byConnection.Select(async agents =>
        {
            var window = new InFlightWindow(Math.Max(1, Math.Min(_plan.InFlightPerConnection, agents.Length)));
            foreach (var agent in agents)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await window.AddAsync(agent.StepAsync(_tally, _latencies, _inference));
            }

            await window.DrainAsync();
        }));
        ticker.Dispose();
        await reporting;
        progress?.Report((_tally.Enrolled + _tally.Errors, total));
    }

    /// <summary>Sends reports for the plan's duration (or <paramref name="duration"/>, e.g. a warm-up) and returns what was measured.</summary>
    public async Task<LoadResult> RunAsync(string transport, string target, IProgress<LoadInterval>? progress, CancellationToken cancellationToken, TimeSpan? duration = null)
    {
        var intervals = new List<LoadInterval>();
        _latencies.RestartTotal();
        var startTally = _tally.Read();
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration ?? _plan.Duration);

        var last = startTally;
        var lastAt = TimeSpan.Zero;
        void Sample()
        {
            var now = clock.Elapsed;
            var reading = _tally.Read();
            var delta = reading.Since(last);
            var interval = new LoadInterval(now.TotalSeconds, (now - lastAt).TotalSeconds, Active(now), delta.Accepted, delta.Rejected, delta.Errors, _latencies.TakeInterval());
            intervals.Add(interval);
            progress?.Report(interval);
            last = reading;
            lastAt = now;
        }

        var senders = Task.WhenAll(_byConnection.Select((agents, c) => Task.Run(() => SendAsync(c, agents, clock, stop.Token), CancellationToken.None)));
        using (var ticker = new PeriodicTimer(Sampling))
        {
            while (!senders.IsCompleted)
            {
                await Task.WhenAny(senders, ticker.WaitForNextTickAsync(CancellationToken.None).AsTask());
                if (!senders.IsCompleted)
                {
                    Sample();
                }
            }
        }

        await senders;
        var measured = clock.Elapsed;
        Sample();
        var total = _tally.Read().Since(startTally);
        return new LoadResult
        {
            Transport = transport,
            Target = target,
            Agents = _plan.Agents,
            Connections = _connections.Count,
            Inference = _inference is not null,
            IntervalSeconds = _plan.ReportInterval.TotalSeconds,
            MeasuredSeconds = measured.TotalSeconds,
            Enrolled = _tally.Enrolled,
            Sent = total.Accepted + total.Rejected + total.Errors,
            Accepted = total.Accepted,
            Rejected = total.Rejected,
            Errors = _tally.Errors,
            ErrorsByKind = _tally.ErrorsByKind(),
            Latency = _latencies.Total,
            Intervals = intervals,
        };
    }

    private int Active(TimeSpan elapsed) => Math.Clamp(ActiveAt?.Invoke(elapsed) ?? _plan.Agents, 0, _plan.Agents);

    private async Task SendAsync(int connection, LoadAgent[] agents, Stopwatch clock, CancellationToken stop)
    {
        var connections = _connections.Count;
        var window = new InFlightWindow(Math.Max(1, Math.Min(_plan.InFlightPerConnection, agents.Length)));
        while (!stop.IsCancellationRequested)
        {
            var roundStart = clock.Elapsed;
            var active = Active(roundStart);

            // Agent k of this connection is agent (k * K + c) of the run, so the first `active` are (active - c) / K rounded up.
            var mine = Math.Clamp((active - connection + connections - 1) / connections, 0, agents.Length);
            for (var k = 0; k < mine && !stop.IsCancellationRequested; k++)
            {
                await window.AddAsync(agents[k].StepAsync(_tally, _latencies, _inference));
            }

            await window.DrainAsync();
            var wait = mine == 0 ? TimeSpan.FromMilliseconds(100) : roundStart + _plan.ReportInterval - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

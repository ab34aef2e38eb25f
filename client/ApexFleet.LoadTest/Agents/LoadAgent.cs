using System.Diagnostics;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Telemetry;
using ApexFleet.LoadTest.Statistics;

namespace ApexFleet.LoadTest.Agents;

/// <summary>
/// A lightweight virtual agent: enrols, then sends one report per step (numbered, with the latency of
/// one real inference, or none with inference off) and follows the directive it gets back, installing
/// what it is told at once (it downloads nothing). A report whose answer was lost is sent again with
/// the same number, so a device never counts one report twice and the tester never misses one.
/// </summary>
public sealed class LoadAgent(string id, DeviceProfile profile, ModelSlot installed, IDeviceLink link)
{
    private long _sequence;
    private ModelSlot _running = installed;
    private ModelSlot? _installing;
    private TelemetryReport? _unanswered;
    private bool _enrolled;

    public string Id { get; } = id;

    public ModelSlot Running => _running;

    /// <summary>Reports the device accepted, by this agent's count.</summary>
    public long Accepted { get; private set; }

    /// <summary>Enrols first; afterwards one report. Never throws: every outcome is counted in <paramref name="tally"/>.</summary>
    public async ValueTask StepAsync(LoadTally tally, LatencyLog latencies, SharedSessions? inference)
    {
        if (!_enrolled)
        {
            await EnrolAsync(tally);
            return;
        }

        var report = _unanswered ?? NextReport(inference);
        var started = Stopwatch.GetTimestamp();
        DeviceDirective directive;
        try
        {
            directive = await link.ReportAsync(Id, report);
        }
        catch (Exception ex)
        {
            _unanswered = report;
            tally.CountError(ErrorKind.Of(ex));
            return;
        }

        latencies.Record(Stopwatch.GetElapsedTime(started));
        var resent = _unanswered is not null;
        _unanswered = null;
        _sequence = report.Sequence;
        if (directive.Accepted || (resent && directive.Rejection == RejectionReason.Duplicate))
        {
            // A resend refused as a duplicate was taken the first time, only its answer was lost.
            Accepted++;
            tally.CountAccepted();
            Obey(directive);
            return;
        }

        tally.CountRejected(directive.Rejection);
        if (directive.Rejection is RejectionReason.RateLimited or RejectionReason.NotEnrolled)
        {
            // Not taken: the same report goes again (after enrolling again, if the fleet forgot the device).
            _unanswered = report;
            _sequence = report.Sequence - 1;
            _enrolled = directive.Rejection != RejectionReason.NotEnrolled;
        }
    }

    private async ValueTask EnrolAsync(LoadTally tally)
    {
        try
        {
            var directive = await link.EnrolAsync(Id, profile, _running);
            _enrolled = true;
            tally.CountEnrolled();
            Obey(directive);
        }
        catch (Exception ex)
        {
            tally.CountError($"enrol:{ErrorKind.Of(ex)}");
        }
    }

    private TelemetryReport NextReport(SharedSessions? inference)
    {
        InstallProgress? install = null;
        if (_installing is { } next)
        {
            _running = next;
            _installing = null;
            install = new InstallProgress(next, InstallState.Installed);
        }

        var sequence = _sequence + 1;
        float[] latencies = [];
        if (inference is not null)
        {
            latencies = [inference.Classify(_running.Precision, sequence).Milliseconds];
        }

        return new TelemetryReport
        {
            Sequence = sequence,
            At = DateTimeOffset.UtcNow,
            Running = _running,
            LatenciesMs = latencies,
            Counters = default(TelemetryCounters),
            Install = install,
        };
    }

    private void Obey(DeviceDirective directive)
    {
        if (directive.Desired is { } desired && desired != _running)
        {
            _installing = desired;
        }
    }
}

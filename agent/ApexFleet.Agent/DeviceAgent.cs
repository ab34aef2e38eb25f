using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ApexFleet.Abstractions.Devices;
using ApexFleet.Abstractions.Json;
using ApexFleet.Agent.Link;
using ApexFleet.Domain.Devices;
using ApexFleet.Domain.Registry;
using ApexFleet.Inference;

namespace ApexFleet.Agent;

/// <summary>
/// One real device: serves inferences from the model it has installed while it reports, follows its
/// directive (download, verify, load, then swap without a gap; back to the kept session on a
/// rollback), and keeps every report until the fleet has taken it.
/// </summary>
public sealed class DeviceAgent(AgentOptions options, DeviceProfile profile, LabelledImages images, TrustedKeys keys, TextWriter log)
{
    private readonly SignatureVerdicts _signatures = new(keys);

    /// <summary>How long an install that failed or was refused waits before the agent tries that model again.</summary>
    public static readonly TimeSpan RetryFailedInstall = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly List<TelemetryReport> _outbox = [];
    private readonly HashSet<long> _sentBefore = [];
    private readonly List<float> _latencies = [];
    private readonly Dictionary<ModelSlot, DateTimeOffset> _failedUntil = [];
    private readonly AgentTally _tally = new() { DeviceId = options.DeviceId };
    private readonly HostSensors _sensors = new();
    private readonly HttpClient _http = Client(options);

    private InstalledModel _active = null!;
    private InstalledModel? _previous;
    private TelemetryPeriod _period = null!;
    private (InstalledModel Model, bool IsRollback)? _pendingSwap;
    private ModelSlot? _installing;
    private long _sequence;
    private IDeviceLink? _link;
    private TimeSpan _backoff = TimeSpan.FromMilliseconds(250);
    private DateTimeOffset _nextConnect;
    private string? _lastComplaint;

    public AgentTally Tally => _tally;

    public async Task<AgentTally> RunAsync(CancellationToken stop)
    {
        var factory = await File.ReadAllBytesAsync(options.FactoryFile, stop);
        _active = InstalledModel.Load(options.Factory, factory, options.FactoryFile);
        _period = new TelemetryPeriod(_active.Slot);
        _sequence = ReadSequence();
        _tally.HasBattery = _sensors.HasBattery;
        _tally.HasThermalZones = _sensors.HasThermalZones;
        log.WriteLine($"agent {options.DeviceId}: {profile.ChipsetModel}, {profile.Os} {profile.OsVersion}, {profile.Abi}, tier {profile.Tier}; " +
            $"runs {_active.Slot} ({_active.Digest[..12]}…) at {options.InferencesPerSecond:0.##}/s; battery {(_sensors.HasBattery ? "read" : "absent")}, thermal zones {(_sensors.HasThermalZones ? "read" : "absent")}; " +
            $"{keys.KeyIds.Count} trusted key(s); sequence from {_sequence + 1}");

        using var inferring = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var inference = Task.Run(() => InferLoop(inferring.Token), CancellationToken.None);
        var enrolled = false;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!enrolled)
                {
                    enrolled = await EnrolAsync(stop);
                }

                try
                {
                    await Task.Delay(options.ReportEvery, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                CloseCurrentPeriod();
                if (enrolled && await SendAsync(stop) is { Accepted: true } directive)
                {
                    Follow(directive, stop);
                }
                else if (!enrolled)
                {
                    continue;
                }

                WriteStatus();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped mid-call (an enrolment, a report, a connect): what was in flight stays in the outbox for the last send.
        }
        finally
        {
            await inferring.CancelAsync();
            await inference;
        }

        // The last period, and one short try to deliver whatever is still unacknowledged.
        CloseCurrentPeriod();
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _nextConnect = DateTimeOffset.MinValue;
        try
        {
            await SendAsync(last.Token);
        }
        catch (OperationCanceledException)
        {
        }

        if (_link is not null)
        {
            await _link.DisposeAsync();
        }

        _http.Dispose();
        Finish();
        return _tally;
    }

    private async Task<bool> EnrolAsync(CancellationToken stop)
    {
        if (await LinkAsync(stop) is not { } link)
        {
            return false;
        }

        try
        {
            var directive = await link.EnrolAsync(options.DeviceId, profile, _active.Slot, stop);
            log.WriteLine($"enrolled through {link.Peer}; directed to run {directive.Desired?.ToString() ?? "nothing"}");
            Follow(directive, stop);
            return true;
        }
        catch (DeviceLinkDownException ex)
        {
            await DownAsync(ex);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await DownAsync(new DeviceLinkDownException($"{link.Peer}: {ex.GetType().Name}: {ex.Message}", ex));
            return false;
        }
    }

    /// <summary>Sends the unacknowledged reports in order; the last accepted answer's directive, if any.</summary>
    private async Task<DeviceDirective?> SendAsync(CancellationToken cancellationToken)
    {
        if (await LinkAsync(cancellationToken) is not { } link)
        {
            return null;
        }

        DeviceDirective? directive = null;
        TelemetryReport[] pending;
        lock (_gate)
        {
            pending = [.. _outbox];
        }

        foreach (var report in pending)
        {
            DeviceDirective answer;
            var resend = !_sentBefore.Add(report.Sequence);
            _tally.Sends++;
            try
            {
                answer = await link.ReportAsync(options.DeviceId, report, cancellationToken);
            }
            catch (DeviceLinkDownException ex)
            {
                await DownAsync(ex);
                return directive;
            }
            catch (DeviceLinkRefusedException ex)
            {
                Drop(report, ex.Message);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever else went wrong on the way, the report is kept: a device never dies of its link.
                await DownAsync(new DeviceLinkDownException($"{link.Peer}: {ex.GetType().Name}: {ex.Message}", ex));
                return directive;
            }

            switch (answer.Rejection)
            {
                case RejectionReason.None:
                    Acknowledge(report, asResend: false);
                    directive = answer;
                    break;
                case RejectionReason.Duplicate or RejectionReason.Stale when resend:
                    // The first send arrived and its answer was lost: taken once, as it should be.
                    Acknowledge(report, asResend: true);
                    break;
                case RejectionReason.RateLimited:
                    return directive;
                case RejectionReason.NotEnrolled:
                    // The fleet lost the device (a silo without durable storage restarted): enrol again, resend later.
                    try
                    {
                        await link.EnrolAsync(options.DeviceId, profile, _active.Slot, cancellationToken);
                    }
                    catch (DeviceLinkDownException ex)
                    {
                        await DownAsync(ex);
                    }

                    return directive;
                default:
                    Drop(report, answer.RejectionReason ?? answer.Rejection.ToString());
                    break;
            }
        }

        _backoff = TimeSpan.FromMilliseconds(250);
        return directive;
    }

    private void Acknowledge(TelemetryReport report, bool asResend)
    {
        lock (_gate)
        {
            _outbox.Remove(report);
            _tally.Acknowledged++;
            _tally.AcknowledgedAsResends += asResend ? 1 : 0;
            _tally.AcknowledgedInferences += report.LatenciesMs.Length;
            _tally.LastAcknowledgedSequence = Math.Max(_tally.LastAcknowledgedSequence, report.Sequence);
        }
    }

    private void Drop(TelemetryReport report, string why)
    {
        lock (_gate)
        {
            _outbox.Remove(report);
            _tally.RefusedReports++;
        }

        log.WriteLine($"report {report.Sequence} refused, dropped: {why}");
    }

    private async Task<IDeviceLink?> LinkAsync(CancellationToken cancellationToken)
    {
        if (_link is not null || DateTimeOffset.UtcNow < _nextConnect)
        {
            return _link;
        }

        try
        {
            _link = options.Transport == Transport.Http
                ? new HttpDeviceLink(_http, options.Credential)
                : await OrleansDeviceLink.ConnectAsync(options.Gateway, options.ClusterId, cancellationToken);
            if (_tally.Sends > 0)
            {
                _tally.Reconnects++;
                log.WriteLine($"reconnected to {_link.Peer}");
            }

            return _link;
        }
        catch (DeviceLinkDownException ex)
        {
            await DownAsync(ex);
            return null;
        }
    }

    /// <summary>The fleet is out of reach: keep every report, and try again later, less often each time.</summary>
    private async Task DownAsync(DeviceLinkDownException ex)
    {
        Complain($"link down ({ex.Message}); {_outbox.Count} report(s) kept, retrying with backoff up to {MaxBackoff.TotalSeconds:0} s");
        if (options.Transport == Transport.Orleans && _link is not null)
        {
            // A fresh client finds a restarted silo at once; the old one's connection state is stale.
            await _link.DisposeAsync();
            _link = null;
        }

        _nextConnect = DateTimeOffset.UtcNow + _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
        if (options.Transport == Transport.Http)
        {
            _link = null;
        }
    }

    private void Follow(DeviceDirective directive, CancellationToken stop)
    {
        if (directive.Desired is not { } desired)
        {
            return;
        }

        lock (_gate)
        {
            if (desired == _active.Slot || _installing is not null || _pendingSwap is not null)
            {
                return;
            }

            if (_previous is { } kept && kept.Slot == desired)
            {
                // The kept session takes over on the next inference: no download, no gap.
                _pendingSwap = (kept, directive.IsRollback);
                _installing = desired;
                return;
            }

            if (_failedUntil.TryGetValue(desired, out var until) && DateTimeOffset.UtcNow < until)
            {
                return;
            }

            if (directive.Artifact is not { } offer)
            {
                Complain($"directed to {desired}, but the registry offers no artifact for it yet");
                return;
            }

            _installing = desired;
            _ = Task.Run(() => InstallAsync(desired, offer, directive.IsRollback, stop), CancellationToken.None);
        }
    }

    private async Task InstallAsync(ModelSlot desired, ArtifactOffer offer, bool isRollback, CancellationToken stop)
    {
        try
        {
            if (offer.Manifest is not { } manifest)
            {
                Fail(desired, "refused: the offer came without its signed manifest", refused: true);
                return;
            }

            if (OfferCheck.Problem(desired.ToRef(), offer, manifest, keys) is { } untrusted)
            {
                Fail(desired, $"refused: {untrusted}", refused: true);
                return;
            }

            var base_ = new[] { _active, _previous }.FirstOrDefault(m => m is not null && offer.Delta?.FromDigest == m.Digest)?.Bytes;
            var result = await ArtifactInstall.RunAsync(offer, base_, url => new ArtifactFetcher(_http).FetchAsync(url, stop), _signatures, stop);
            lock (_gate)
            {
                _period.Downloaded(result.FullBytes, result.DeltaBytes);
                _tally.BytesFull += result.FullBytes;
                _tally.BytesDelta += result.DeltaBytes;
            }

            if (result.Artifact is null)
            {
                Fail(desired, result.Reason ?? "refused", refused: true);
                return;
            }

            var model = InstalledModel.Load(desired, result.Artifact, desired.ToString());
            lock (_gate)
            {
                _pendingSwap = (model, isRollback);
            }

            log.WriteLine($"installed {desired} ({model.Digest[..12]}…) by {result.Path} download ({result.FullBytes + result.DeltaBytes} bytes){(result.Reason is null ? "" : $"; {result.Reason}")}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or JsonException)
        {
            Fail(desired, $"{(ex is InvalidDataException ? "cannot load" : "download failed")}: {ex.Message}", refused: false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _installing = null;
            }
        }
    }

    private void Fail(ModelSlot desired, string reason, bool refused)
    {
        lock (_gate)
        {
            if (refused)
            {
                _period.Refused();
                _tally.ArtifactsRefused++;
            }

            _period.InstallFailed(new InstallProgress(desired, InstallState.Failed, reason));
            _tally.InstallFailures++;
            _failedUntil[desired] = DateTimeOffset.UtcNow + RetryFailedInstall;
            _installing = null;
        }

        log.WriteLine($"install of {desired} failed: {reason}");
    }

    private void InferLoop(CancellationToken stop)
    {
        var width = images.FeaturesPerImage;
        var rows = Enumerable.Range(0, images.Count).Select(i => images.Features.AsSpan(i * width, width).ToArray()).ToArray();
        var interval = TimeSpan.FromSeconds(1 / options.InferencesPerSecond);
        var next = Stopwatch.GetTimestamp();
        for (var i = 0; !stop.IsCancellationRequested; i = (i + 1) % rows.Length)
        {
            ApplySwap();
            var model = _active;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var predicted = model.Classifier.Classify(rows[i], 1)[0];
                Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, predicted == images.Labels[i], crashed: false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, crashed: true);
                Complain($"inference crashed on {model.Slot}: {ex.GetType().Name}: {ex.Message}");
            }

            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait < -TimeSpan.FromSeconds(1))
            {
                next = Stopwatch.GetTimestamp(); // fell behind (a slow model, a busy host): do not burst to catch up
            }
            else if (wait > TimeSpan.Zero && stop.WaitHandle.WaitOne(wait))
            {
                break;
            }
        }
    }

    private void Record(double ms, bool correct, bool crashed)
    {
        lock (_gate)
        {
            if (crashed)
            {
                _period.Crashed(ms);
                _tally.Crashes++;
            }
            else
            {
                _period.Inferred(ms, correct);
                _tally.Correct += correct ? 1 : 0;
            }

            _tally.Inferences++;
            if (_latencies.Count < 1_000_000)
            {
                _latencies.Add((float)ms);
            }
        }
    }

    /// <summary>Runs on the inference thread only, so no inference ever uses a session being swapped out or disposed.</summary>
    private void ApplySwap()
    {
        lock (_gate)
        {
            if (_pendingSwap is not { } swap)
            {
                return;
            }

            _pendingSwap = null;
            _installing = null;
            Enqueue(_period);
            var old = _active;
            if (swap.Model != _previous)
            {
                _previous?.Dispose();
            }

            _previous = old;
            _active = swap.Model;
            _period = new TelemetryPeriod(_active.Slot, new InstallProgress(_active.Slot, InstallState.Installed));
            _tally.Installs += swap.IsRollback ? 0 : 1;
            _tally.Rollbacks += swap.IsRollback ? 1 : 0;
            log.WriteLine($"{(swap.IsRollback ? "rolled back" : "switched")} from {old.Slot} to {_active.Slot}; {old.Slot} kept for a rollback");
        }
    }

    private void CloseCurrentPeriod()
    {
        lock (_gate)
        {
            Enqueue(_period);
            _period = new TelemetryPeriod(_active.Slot);
        }
    }

    /// <summary>Gives the period its sequence number and keeps it until acknowledged (call under the lock).</summary>
    private void Enqueue(TelemetryPeriod period)
    {
        var now = DateTimeOffset.UtcNow;
        using var self = Process.GetCurrentProcess();
        var peakMb = self.PeakWorkingSet64 / 1_048_576.0;
        _tally.PeakMemoryMb = Math.Max(_tally.PeakMemoryMb, peakMb);
        _outbox.Add(period.Close(++_sequence, now, peakMb, _sensors.DrainPercentPerHour(), _sensors.ThermalEvents()));
        _tally.Reports = _outbox.Count + _tally.Acknowledged + _tally.RefusedReports;
        File.WriteAllText(SequenceFile, _sequence.ToString(CultureInfo.InvariantCulture));
    }

    private string SequenceFile => Path.Combine(options.StateDirectory, "sequence");

    /// <summary>The last sequence number used, so a restarted agent never reuses one (the fleet would take it for a resend).</summary>
    private long ReadSequence()
    {
        Directory.CreateDirectory(options.StateDirectory);
        return File.Exists(SequenceFile) && long.TryParse(File.ReadAllText(SequenceFile), NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : 0;
    }

    private void Complain(string message)
    {
        // Said once per change, not once per retry.
        if (message != _lastComplaint)
        {
            _lastComplaint = message;
            log.WriteLine(message);
        }
    }

    private void WriteStatus()
    {
        if (options.StatusFile is { } file)
        {
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(Snapshot(), FleetJson.Options));
            File.Move(temporary, file, overwrite: true);
        }
    }

    private AgentTally Snapshot()
    {
        lock (_gate)
        {
            _tally.Running = _active.Slot;
            _tally.RunningDigest = _active.Digest;
            _tally.Unacknowledged = _outbox.Count;
            if (_latencies.Count > 0)
            {
                var sorted = _latencies.Order().ToArray();
                _tally.LatencyP50Ms = sorted[(int)(0.50 * (sorted.Length - 1))];
                _tally.LatencyP99Ms = sorted[(int)(0.99 * (sorted.Length - 1))];
            }

            return _tally with { };
        }
    }

    private void Finish()
    {
        var tally = Snapshot();
        WriteStatus();
        if (options.SummaryJson is { } file)
        {
            File.WriteAllText(file, JsonSerializer.Serialize(tally, FleetJson.Options));
        }

        _active.Dispose();
        _previous?.Dispose();
        log.WriteLine($"""
            summary of {tally.DeviceId}: running {tally.Running} ({tally.RunningDigest?[..12]}…)
              inferences {tally.Inferences} ({(tally.Inferences == 0 ? 0 : 100.0 * tally.Correct / tally.Inferences):0.0} % correct), crashes {tally.Crashes}, latency p50 {tally.LatencyP50Ms:0.###} ms, p99 {tally.LatencyP99Ms:0.###} ms, peak working set {tally.PeakMemoryMb:0.0} MB
              reports {tally.Reports}: {tally.Acknowledged} acknowledged ({tally.AcknowledgedAsResends} on a resend), {tally.RefusedReports} refused, {tally.Unacknowledged} never acknowledged; {tally.Sends} sends, {tally.Reconnects} reconnects
              installs {tally.Installs}, rollbacks {tally.Rollbacks}, failed {tally.InstallFailures} (artifacts refused {tally.ArtifactsRefused}); downloaded {tally.BytesFull} bytes full, {tally.BytesDelta} by delta
            """);
    }

    private static HttpClient Client(AgentOptions options)
    {
        var http = new HttpClient { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
        // Downloads carry the device's credential as the device endpoint's requests do.
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(DeviceCredentialBook.Scheme, options.Credential.Find(options.DeviceId));
        return http;
    }
}

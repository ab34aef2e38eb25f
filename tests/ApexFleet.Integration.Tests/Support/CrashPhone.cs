using ApexFleet.Abstractions.Devices;
using ApexFleet.Domain.Devices;

namespace ApexFleet.Integration.Tests.Support;

/// <summary>
/// A phone that keeps its own books: a report whose answer is lost (silo killed, database down) is
/// sent again unchanged, with the same sequence, until it is answered; what was acknowledged (or
/// answered "already taken") is what the device grain must hold, whatever crashed in between.
/// </summary>
public sealed class CrashPhone(string id, string chipset, ModelSlot installed)
{
    public const int InferencesPerReport = 5;

    private TelemetryReport? _unanswered;
    private long _sequence;

    public string Id { get; } = id;
    public ModelSlot Installed { get; private set; } = installed;
    public ModelSlot? Installing { get; private set; }
    public long AcknowledgedReports { get; private set; }
    public long LastAcknowledged { get; private set; }
    /// <summary>The versions this phone installed, in order: a version installed twice, or a way back, is a double install.</summary>
    public List<string> Installs { get; } = [];
    public TelemetryReport? LastReport { get; private set; }

    public Task EnrollAsync(IGrainFactory grains) =>
        grains.GetGrain<IDeviceGrain>(Id).Enroll(new DeviceProfile(chipset, chipset, "mid", "android", "15", "eu", "7.4.0", "north"), Installed);

    /// <summary>Sends the next report (or the unanswered one again); false when no answer came.</summary>
    public async Task<bool> ReportAsync(IGrainFactory grains)
    {
        var report = _unanswered ?? Next();
        _unanswered = report;
        DeviceDirective directive;
        try
        {
            directive = await grains.GetGrain<IDeviceGrain>(Id).Report(report);
        }
        catch (Exception)
        {
            return false;
        }

        _unanswered = null;
        if (!directive.Accepted && directive.Rejection != RejectionReason.Duplicate)
        {
            throw new InvalidOperationException($"{Id}: report {report.Sequence} refused: {directive.RejectionReason}");
        }

        // A duplicate is a report the device took whose answer was lost: taken all the same.
        LastReport = report;
        AcknowledgedReports++;
        LastAcknowledged = report.Sequence;
        if (report.Install is { State: InstallState.Installed } install)
        {
            Installed = install.Model;
            Installing = null;
            Installs.Add(install.Model.Version);
        }

        if (directive.Accepted && directive.Desired is { } desired && desired != Installed)
        {
            Installing = desired;
        }

        return true;
    }

    private TelemetryReport Next()
    {
        var running = Installing ?? Installed;
        return new TelemetryReport
        {
            Sequence = ++_sequence,
            At = DateTimeOffset.UtcNow,
            Running = running,
            LatenciesMs = Enumerable.Repeat(20f, InferencesPerReport).ToArray(),
            Install = Installing is { } target ? new InstallProgress(target, InstallState.Installed) : null,
        };
    }
}

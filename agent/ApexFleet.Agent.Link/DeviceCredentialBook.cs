using System.Collections.Concurrent;
using ApexFleet.Domain.Security;

namespace ApexFleet.Agent.Link;

/// <summary>
/// The device credentials (<c>DEVICE-ID.SECRET</c>) a process speaks for: one for an agent, thousands
/// for a load test. The HTTP device link signs each request with its device's own credential.
/// </summary>
public sealed class DeviceCredentialBook
{
    /// <summary>The environment variable an agent reads its credential from when no file is given.</summary>
    public const string Variable = "APEXFLEET_DEVICE_CREDENTIAL";

    /// <summary>The scheme of the <c>Authorization</c> header the silo's device endpoints read.</summary>
    public const string Scheme = "Device";

    private readonly ConcurrentDictionary<string, string> _byDevice = new(StringComparer.Ordinal);

    public int Count => _byDevice.Count;

    public void Add(string credential)
    {
        // Never echo the text: it may be a secret with a typo.
        var parsed = DeviceSecret.Parse(credential) ?? throw new FormatException("a device credential is DEVICE-ID.SECRET, as `apexfleet device credential` prints it");
        _byDevice[parsed.DeviceId] = credential;
    }

    public string? Find(string deviceId) => _byDevice.GetValueOrDefault(deviceId);

    /// <summary>One credential read from a file (first line) or, with no file, from <see cref="Variable"/>; null when neither is there.</summary>
    public static DeviceCredentialBook? Read(string? file)
    {
        var text = file is not null ? File.ReadLines(file).FirstOrDefault() ?? "" : Environment.GetEnvironmentVariable(Variable);
        if (text is null)
        {
            return null;
        }

        var book = new DeviceCredentialBook();
        try
        {
            book.Add(text.Trim());
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{file ?? Variable}: {ex.Message}", ex);
        }

        return book;
    }
}

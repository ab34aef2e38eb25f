namespace ApexFleet.Abstractions.Devices;

/// <summary>
/// The hash of one device's credential, keyed by device id. Apart from the device's own grain so
/// that its state (read by the dashboard and the device API) never holds it.
/// </summary>
public interface IDeviceCredentialGrain : IGrainWithStringKey
{
    /// <summary>Stores the hash of a new credential; false, and nothing stored, when the device has one and <paramref name="replace"/> is false.</summary>
    Task<bool> Store(byte[] hash, bool replace);

    /// <summary>The stored hash, or null before enrolment; the silo compares it in constant time.</summary>
    Task<byte[]?> GetHash();
}

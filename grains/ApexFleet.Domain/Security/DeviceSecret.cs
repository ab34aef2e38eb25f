using System.Security.Cryptography;
using System.Text;

namespace ApexFleet.Domain.Security;

/// <summary>
/// A device's credential: <c>DEVICE-ID.SECRET</c>, where the secret is 32 random bytes (base64url). The
/// silo keeps only the SHA-256 of the secret: a high-entropy secret needs no slow hash, and a stolen
/// store cannot be replayed as credentials.
/// </summary>
public readonly record struct DeviceSecret(string DeviceId, string Secret)
{
    public const int SecretBytes = 32;
    public const int HashBytes = 32;

    public static DeviceSecret Generate(string deviceId) => new(deviceId, Base64Url(RandomNumberGenerator.GetBytes(SecretBytes)));

    /// <summary>What the device sends: <c>Authorization: Device DEVICE-ID.SECRET</c>.</summary>
    public string Credential => $"{DeviceId}.{Secret}";

    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));

    /// <summary>Compares in constant time, so the answer's timing says nothing about the stored hash.</summary>
    public bool Matches(ReadOnlySpan<byte> storedHash) =>
        storedHash.Length == HashBytes && CryptographicOperations.FixedTimeEquals(Hash(), storedHash);

    /// <summary>Splits a credential at its last dot (device ids may hold dots; the secret never does); null when it is not one.</summary>
    public static DeviceSecret? Parse(string? credential)
    {
        var dot = credential?.LastIndexOf('.') ?? -1;
        if (credential is null || dot <= 0 || dot == credential.Length - 1)
        {
            return null;
        }

        return new DeviceSecret(credential[..dot], credential[(dot + 1)..]);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Keeps the secret out of logs and exception messages that print the value.</summary>
    public override string ToString() => $"{DeviceId}.***";
}

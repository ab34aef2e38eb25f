using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ApexFleet.Domain.Fleet;

/// <summary>
/// The batch id of a delta that carries one report alone (an install sent straight to its cohort):
/// the same device and sequence give the same id, so a report resent after a crash that the cohort
/// already applied is recognised by <see cref="RecentBatches"/> and applied once.
/// </summary>
public static class ReportBatch
{
    public static Guid IdOf(string deviceId, long sequence)
    {
        var text = Encoding.UTF8.GetBytes(deviceId);
        var bytes = new byte[text.Length + sizeof(long)];
        text.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(text.Length), sequence);

        // The digest names a report, it protects nothing: any stable 128 bits would do.
        return new Guid(SHA256.HashData(bytes).AsSpan(0, 16));
    }
}

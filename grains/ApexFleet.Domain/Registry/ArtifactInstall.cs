namespace ApexFleet.Domain.Registry;

/// <summary>How an installer got its bytes, or why it refused them.</summary>
public enum InstallPath
{
    Delta = 0,
    Full = 1,
    /// <summary>The delta failed (would not apply, or rebuilt other bytes): the full artifact was fetched instead.</summary>
    FullAfterBrokenDelta = 2,
    /// <summary>The bytes did not have the signed digest, or the signature did not hold: nothing installed.</summary>
    Refused = 3,
}

/// <summary>What an install attempt came to: the verified bytes (null when refused), the path, bytes fetched each way, and why.</summary>
public sealed record InstallResult(byte[]? Artifact, InstallPath Path, long FullBytes, long DeltaBytes, string? Reason);

/// <summary>
/// What every installer does with an offer: check its signature against the trusted keys (nothing is
/// fetched for an offer no trusted key signed), take the delta when it holds the delta's base, check the
/// rebuilt bytes against the signed digest, fall back to the full download when anything about the
/// delta fails, and refuse bytes whose digest is not the signed one.
/// </summary>
public static class ArtifactInstall
{
    /// <summary>Whether the installer's artifact is the delta's base (compared by digest, no hashing).</summary>
    public static bool TakesDelta(ArtifactOffer offer, string? installedDigest) =>
        offer.Delta is { } delta && installedDigest is not null && delta.FromDigest == installedDigest;

    public static async Task<InstallResult> RunAsync(
        ArtifactOffer offer, byte[]? installed, Func<string, Task<byte[]>> fetch, SignatureVerdicts signatures, CancellationToken cancellationToken = default)
    {
        if (signatures.Problem(offer) is { } unsigned)
        {
            return new(null, InstallPath.Refused, 0, 0, $"refused: {unsigned}");
        }

        long deltaBytes = 0;
        string? deltaProblem = null;
        if (installed is not null && TakesDelta(offer, ArtifactDigest.Of(installed)))
        {
            try
            {
                var delta = await fetch(offer.Delta!.Url);
                deltaBytes = delta.Length;
                var rebuilt = DeltaCodec.Apply(installed, delta, offer.SizeBytes);
                if (Problem(offer, rebuilt) is not { } mismatch)
                {
                    return new(rebuilt, InstallPath.Delta, 0, deltaBytes, null);
                }

                deltaProblem = $"the delta rebuilt other bytes ({mismatch})";
            }
            catch (Exception ex) when (ex is InvalidDataException or HttpRequestException or IOException)
            {
                deltaProblem = $"the delta failed ({ex.Message})";
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var full = await fetch(offer.Url);
        if (Problem(offer, full) is { } problem)
        {
            return new(null, InstallPath.Refused, full.Length, deltaBytes, $"refused: {problem}" + (deltaProblem is null ? "" : $"; before that {deltaProblem}"));
        }

        return new(full, deltaProblem is null ? InstallPath.Full : InstallPath.FullAfterBrokenDelta, full.Length, deltaBytes, deltaProblem);
    }

    /// <summary>Why these bytes are not the offered artifact, or null when they are.</summary>
    public static string? Problem(ArtifactOffer offer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != offer.SizeBytes)
        {
            return $"{bytes.Length} bytes where the signed size is {offer.SizeBytes}";
        }

        var digest = ArtifactDigest.Of(bytes);
        return Verdict(offer.Digest, digest);
    }

    /// <summary>The comparison every installer makes, also the simulated phone's (which knows its bytes' digest without hashing them).</summary>
    public static string? Verdict(string signedDigest, string receivedDigest) =>
        receivedDigest == signedDigest ? null : $"digest {receivedDigest} is not the signed {signedDigest}";
}

using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Registry;

/// <summary>Why a registry refuses an upload; each kind gets its own message, this is for scripts.</summary>
public enum UploadRefusal
{
    InvalidManifest = 0,
    Unsigned = 1,
    UntrustedKey = 2,
    BadSignature = 3,
    DigestMismatch = 4,
    VersionExists = 5,
}

/// <summary>A refused upload: the kind and a message that names what is wrong.</summary>
public sealed record UploadProblem(UploadRefusal Refusal, string Message)
{
    public override string ToString() => Message;
}

/// <summary>The rules an artifact passes before a registry keeps it.</summary>
public static class UploadCheck
{
    /// <summary>The manifest is well formed, signed, by a trusted key, and the signature covers exactly it.</summary>
    public static UploadProblem? Signature(ArtifactManifest manifest, string? keyId, ReadOnlySpan<byte> signature, TrustedKeys trusted)
    {
        if (Malformed(manifest) is { } malformed)
        {
            return new(UploadRefusal.InvalidManifest, $"{Name(manifest)}: {malformed}");
        }

        if (string.IsNullOrWhiteSpace(keyId) || signature.IsEmpty)
        {
            return new(UploadRefusal.Unsigned, $"{Name(manifest)} is unsigned: the registry keeps only artifacts signed with a trusted key (`apexfleet model push --key KEY`)");
        }

        if (trusted.Find(keyId) is not { } key)
        {
            var known = trusted.KeyIds.Count == 0 ? "none is configured" : string.Join(", ", trusted.KeyIds.Order(StringComparer.Ordinal));
            return new(UploadRefusal.UntrustedKey, $"{Name(manifest)} is signed by key {keyId}, which this registry does not trust (trusted: {known}); add its .pub to the silo's trusted keys (--trusted-keys)");
        }

        return key.Verifies(manifest, signature)
            ? null
            : new(UploadRefusal.BadSignature, $"{Name(manifest)}: the signature by key {keyId} does not match the manifest (digest, size or metadata changed after signing)");
    }

    /// <summary>The bytes received are the bytes signed.</summary>
    public static UploadProblem? Bytes(ArtifactManifest manifest, string receivedDigest, long receivedBytes) =>
        receivedDigest == manifest.Digest && receivedBytes == manifest.SizeBytes
            ? null
            : new(UploadRefusal.DigestMismatch, $"{Name(manifest)}: received {receivedBytes} bytes with digest {receivedDigest}, but the signed manifest says {manifest.SizeBytes} bytes with digest {manifest.Digest}; the artifact was changed or truncated in transit");

    /// <summary>
    /// Versions are immutable: the same version and variant again is accepted only with the same
    /// bytes and metadata (a retried push), never with others.
    /// </summary>
    public static UploadProblem? Immutable(ArtifactManifest? existing, ArtifactManifest incoming) =>
        existing is null || existing.SameAs(incoming)
            ? null
            : new(UploadRefusal.VersionExists, existing.Digest == incoming.Digest
                ? $"{Name(incoming)} already exists with other metadata; versions are immutable: push a new version"
                : $"{Name(incoming)} already exists with other bytes ({existing.Digest}, not {incoming.Digest}); versions are immutable: push a new version");

    public static string Name(ArtifactManifest m) => $"model {m.ModelId} version {m.Version} variant {m.Variant.ToLabel()}";

    private static string? Malformed(ArtifactManifest m)
    {
        foreach (var (field, value) in new[] { ("model", m.ModelId), ("version", m.Version) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || c is '/' or '|' or '?' or '#' or '%' || char.IsControl(c)))
            {
                return $"{field} '{value}' must be non-empty, without spaces, '/', '|', '?', '#' or '%'";
            }
        }

        foreach (var (field, value) in new[] { ("parentVersion", m.ParentVersion), ("trainingData", m.TrainingData), ("dataClassification", m.DataClassification), ("ethics.by", m.Ethics?.By) })
        {
            if (value is not null && value.Any(c => char.IsControl(c) || c == '|'))
            {
                return $"{field} must not hold a line break, control character or '|'";
            }
        }

        if (!ArtifactDigest.IsWellFormed(m.Digest))
        {
            return $"digest '{m.Digest}' is not sha256: and 64 lower-case hex digits";
        }

        if (m.SizeBytes <= 0)
        {
            return $"size {m.SizeBytes} must be positive";
        }

        var bad = (m.Benchmarks ?? []).FirstOrDefault(b =>
            string.IsNullOrWhiteSpace(b.Chipset) || b.Chipset.Any(c => char.IsControl(c) || c == '|')
            || !(b.LatencyP95Ms > 0 && b.EnergyMj >= 0 && b.AccuracyPercent is >= 0 and <= 100 && b.MemoryMb >= 0)
            || !double.IsFinite(b.LatencyP95Ms + b.EnergyMj + b.MemoryMb));
        if (bad is not null)
        {
            return $"benchmark for chipset '{bad.Chipset}' needs latency > 0, energy and memory >= 0 and accuracy within 0..100 (got {bad.LatencyP95Ms}, {bad.EnergyMj}, {bad.AccuracyPercent}, {bad.MemoryMb})";
        }

        return (m.Benchmarks ?? []).GroupBy(b => b.Chipset, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice
            ? $"chipset '{twice.Key}' has two benchmarks"
            : null;
    }
}

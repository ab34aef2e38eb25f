namespace ApexFleet.Domain.Registry;

/// <summary>A delta an installer may take instead of the full artifact: from which bytes, how big.</summary>
public sealed record DeltaOffer(string FromVersion, string FromDigest, string Url, long SizeBytes);

/// <summary>What an installer is told to fetch: where, how big, what digest it must have, who signed it, and a delta if there is one.</summary>
/// <param name="Manifest">What the signature covers, so the installer can verify it (<see cref="SignatureVerdicts"/>).</param>
public sealed record ArtifactOffer(string Url, long SizeBytes, string Digest, string KeyId, string Signature, DeltaOffer? Delta, ArtifactManifest? Manifest = null);

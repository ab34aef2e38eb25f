using System.Security.Cryptography;
using ApexFleet.Domain.Registry;
using Microsoft.Extensions.Options;

namespace ApexFleet.Grains.Registry;

/// <summary>Bytes received and hashed into a temporary file, not yet kept.</summary>
public sealed record StagedArtifact(string TempPath, string Digest, long SizeBytes);

/// <summary>
/// Content-addressed files: every artifact and delta under <c>artifacts/sha256/HEX</c> in the silo's
/// data directory, named by its digest, written once (to a temporary file, then renamed) and never
/// changed, so a name always means the same bytes and readers need no locks.
/// </summary>
public sealed class ArtifactStore(IOptions<RegistryOptions> options)
{
    private readonly string _root = Path.Combine(options.Value.DataDirectory, "artifacts");

    private string Objects => Path.Combine(_root, "sha256");

    private string Temp => Path.Combine(_root, "tmp");

    public string PathOf(string digest) => Path.Combine(Objects, ArtifactDigest.Hex(digest));

    public bool Has(string digest) => ArtifactDigest.IsWellFormed(digest) && File.Exists(PathOf(digest));

    /// <summary>Copies a stream to a temporary file, hashing it on the way.</summary>
    public async Task<StagedArtifact> StageAsync(Stream bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Temp);
        var path = Path.Combine(Temp, Guid.NewGuid().ToString("N"));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await bytes.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }
        }

        return new StagedArtifact(path, ArtifactDigest.FromHash(hash.GetHashAndReset()), size);
    }

    /// <summary>Keeps staged bytes under their digest; bytes already kept stay as they are.</summary>
    public void Keep(StagedArtifact staged)
    {
        Directory.CreateDirectory(Objects);
        if (Has(staged.Digest))
        {
            Discard(staged);
            return;
        }

        File.Move(staged.TempPath, PathOf(staged.Digest), overwrite: true);
    }

    public void Discard(StagedArtifact staged) => File.Delete(staged.TempPath);

    public async Task<string> PutAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var staged = await StageAsync(stream, cancellationToken);
        Keep(staged);
        return staged.Digest;
    }

    public Task<byte[]> ReadAsync(string digest, CancellationToken cancellationToken) => File.ReadAllBytesAsync(PathOf(digest), cancellationToken);
}

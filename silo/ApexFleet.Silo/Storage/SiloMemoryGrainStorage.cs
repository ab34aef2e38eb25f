using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Serialization;
using Orleans.Storage;

namespace ApexFleet.Silo.Storage;

/// <summary>
/// Grain state kept in this silo's own memory, in Orleans' binary form, for a fleet of one silo
/// (the embedded simulator and the standalone in-memory silo).
/// </summary>
/// <remarks>
/// Orleans' memory storage sends every write to a storage grain as a fresh copy of the state: with a
/// million devices, three million extra grain calls and buffers per rollout. Here a write serializes
/// into a per-thread scratch buffer and copies into the grain's own buffer, which is replaced only
/// when the state outgrows it (measured in docs/PERFORMANCE.md).
/// Semantics are Orleans' memory storage's: ETags are checked on write and clear, a cleared or never
/// written state reads as absent, and everything is lost when the silo stops.
/// </remarks>
public sealed class SiloMemoryGrainStorage(Serializer serializer) : IGrainStorage
{
    // Room to grow (a sketch bucket, a longer reason) without a new buffer at every write.
    private const int Slack = 64;

    // ETags are versions; the first ones are formatted once, so a write allocates no string.
    private static readonly string[] FormattedVersions = [.. Enumerable.Range(0, 4096).Select(v => v.ToString(CultureInfo.InvariantCulture))];

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), Entry> _entries = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            lock (entry)
            {
                if (entry.Length > 0)
                {
                    grainState.State = serializer.Deserialize<T>(entry.Buffer.AsSpan(0, entry.Length));
                    grainState.ETag = ETag(entry.Version);
                    grainState.RecordExists = true;
                    return Task.CompletedTask;
                }
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(1024);
        scratch.ResetWrittenCount();
        serializer.Serialize(grainState.State, scratch);
        var written = scratch.WrittenSpan;

        var entry = _entries.GetOrAdd((stateName, grainId), static _ => new Entry());
        lock (entry)
        {
            Check(stateName, grainId, entry, grainState.ETag);
            if (entry.Buffer.Length < written.Length)
            {
                entry.Buffer = new byte[written.Length + Slack];
            }

            written.CopyTo(entry.Buffer);
            entry.Length = written.Length;
            entry.Version++;
            grainState.ETag = ETag(entry.Version);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_entries.TryGetValue((stateName, grainId), out var entry))
        {
            lock (entry)
            {
                Check(stateName, grainId, entry, grainState.ETag);
                entry.Buffer = [];
                entry.Length = 0;
                entry.Version++;
            }
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static void Check(string stateName, GrainId grainId, Entry entry, string? etag)
    {
        var stored = entry.Length == 0 ? null : ETag(entry.Version);
        if (!string.Equals(stored, etag, StringComparison.Ordinal))
        {
            throw new InconsistentStateException(
                $"state '{stateName}' of {grainId} was written by someone else: stored ETag {stored ?? "(none)"}, given {etag ?? "(none)"}",
                stored ?? "",
                etag ?? "");
        }
    }

    private static string ETag(long version) =>
        version < FormattedVersions.Length ? FormattedVersions[version] : version.ToString(CultureInfo.InvariantCulture);

    private sealed class Entry
    {
        public byte[] Buffer { get; set; } = [];
        public int Length { get; set; }
        public long Version { get; set; }
    }
}

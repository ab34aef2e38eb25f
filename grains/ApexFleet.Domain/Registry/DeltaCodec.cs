using ZstdSharp.Unsafe;

namespace ApexFleet.Domain.Registry;

/// <summary>
/// Binary deltas between two versions of an artifact, as zstd's <c>--patch-from</c> makes them: the
/// new artifact compressed with the old one as a referenced prefix, so every run of unchanged bytes
/// (an unchanged tensor) costs a back-reference instead of its bytes. The window covers the whole
/// old artifact and long-distance matching finds tensors that moved.
/// </summary>
public static unsafe class DeltaCodec
{
    public const int Level = 19;

    public static byte[] Create(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> next)
    {
        var cctx = Methods.ZSTD_createCCtx();
        try
        {
            Check(Methods.ZSTD_CCtx_setParameter(cctx, ZSTD_cParameter.ZSTD_c_compressionLevel, Level));
            Check(Methods.ZSTD_CCtx_setParameter(cctx, ZSTD_cParameter.ZSTD_c_windowLog, WindowLog(previous.Length, next.Length)));
            Check(Methods.ZSTD_CCtx_setParameter(cctx, ZSTD_cParameter.ZSTD_c_enableLongDistanceMatching, 1));
            var output = new byte[(int)Methods.ZSTD_compressBound((nuint)next.Length)];
            fixed (byte* prefix = previous)
            fixed (byte* source = next)
            fixed (byte* destination = output)
            {
                Check(Methods.ZSTD_CCtx_refPrefix(cctx, prefix, (nuint)previous.Length));
                var written = Check(Methods.ZSTD_compress2(cctx, destination, (nuint)output.Length, source, (nuint)next.Length));
                return output.AsSpan(0, (int)written).ToArray();
            }
        }
        finally
        {
            Methods.ZSTD_freeCCtx(cctx);
        }
    }

    /// <summary>Rebuilds the new artifact from the old one and a delta; throws <see cref="InvalidDataException"/> when the delta does not fit.</summary>
    public static byte[] Apply(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> delta, long expectedSize)
    {
        if (expectedSize < 0 || expectedSize > Array.MaxLength)
        {
            throw new InvalidDataException($"an artifact of {expectedSize} bytes cannot be rebuilt in memory");
        }

        var dctx = Methods.ZSTD_createDCtx();
        try
        {
            Check(Methods.ZSTD_DCtx_setParameter(dctx, ZSTD_dParameter.ZSTD_d_windowLogMax, 31));
            var output = new byte[expectedSize];
            fixed (byte* prefix = previous)
            fixed (byte* source = delta)
            fixed (byte* destination = output)
            {
                Check(Methods.ZSTD_DCtx_refPrefix(dctx, prefix, (nuint)previous.Length));
                var written = Check(Methods.ZSTD_decompressDCtx(dctx, destination, (nuint)output.Length, source, (nuint)delta.Length));
                return (long)written == expectedSize
                    ? output
                    : throw new InvalidDataException($"the delta rebuilt {written} bytes, not the {expectedSize} expected");
            }
        }
        finally
        {
            Methods.ZSTD_freeDCtx(dctx);
        }
    }

    /// <summary>A window over both artifacts, as zstd's patch-from sizes it.</summary>
    private static int WindowLog(long previous, long next) =>
        Math.Clamp((int)Math.Ceiling(Math.Log2(Math.Max(previous, next) + 1)) + 1, 10, 31);

    private static nuint Check(nuint code) =>
        Methods.ZSTD_isError(code) ? throw new InvalidDataException($"zstd: {new string(Methods.ZSTD_getErrorName(code))}") : code;
}

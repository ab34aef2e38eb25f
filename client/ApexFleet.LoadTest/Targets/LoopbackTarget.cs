using System.Net;

namespace ApexFleet.LoadTest.Targets;

/// <summary>
/// Where a load test sends its traffic. Only this machine's loopback addresses are accepted: a load
/// tester pointed at someone else's cluster (or the internet) by a typo is a denial of service.
/// </summary>
public sealed record LoopbackTarget(IPEndPoint Gateway, Uri? Url)
{
    /// <summary>The Orleans gateway a standalone silo opens by default (<c>./apexfleet silo</c>).</summary>
    public const int DefaultGatewayPort = 30000;

    /// <summary>The silo's HTTP port by default.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>Reads <c>--gateway HOST:PORT</c> (HOST a loopback address or <c>localhost</c>).</summary>
    public static IPEndPoint ParseGateway(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new TargetException($"--gateway must be HOST:PORT, e.g. 127.0.0.1:{DefaultGatewayPort} (got '{text}')");
        }

        var host = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new TargetException($"--gateway port must be a whole number from 1 to 65535 (got '{text[(colon + 1)..]}')");
        }

        return new IPEndPoint(LoopbackAddress(host, "--gateway"), port);
    }

    /// <summary>Reads <c>--url http://HOST:PORT/</c> (HOST a loopback address or <c>localhost</c>; http or https).</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new TargetException($"--url must be an http:// or https:// address, e.g. http://127.0.0.1:{DefaultHttpPort} (got '{text}')");
        }

        LoopbackAddress(url.Host.Trim('[', ']'), "--url");
        return url;
    }

    /// <summary>The address <paramref name="host"/> names, if it is loopback; <c>localhost</c> is 127.0.0.1 without asking a resolver.</summary>
    public static IPAddress LoopbackAddress(string host, string option)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            throw new TargetException($"{option}: '{host}' is not an IP address or localhost; a load test only sends to this machine's loopback addresses (127.0.0.0/8, ::1)");
        }

        return IPAddress.IsLoopback(address)
            ? address
            : throw new TargetException($"{option}: {address} is not a loopback address; a load test only sends to this machine (127.0.0.0/8, ::1)");
    }
}

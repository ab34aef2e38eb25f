using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ApexFleet.Agent.Link;

/// <summary>A silo's gateway as a person writes it: <c>HOST:PORT</c>.</summary>
public static class GatewayAddress
{
    /// <summary>Resolves <paramref name="text"/>; throws a <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static IPEndPoint Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"gateway '{text}' is not HOST:PORT with a port from 1 to 65535");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen is null ? throw new FormatException($"gateway host '{host}' has no address") : new IPEndPoint(chosen, port);
        }
        catch (SocketException ex)
        {
            throw new FormatException($"gateway host '{host}' does not resolve ({ex.Message})");
        }
    }
}

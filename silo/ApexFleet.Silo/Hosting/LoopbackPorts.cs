using System.Net;
using System.Net.Sockets;

namespace ApexFleet.Silo.Hosting;

/// <summary>
/// Free loopback ports for silos started side by side (embedded runs, tests). Picked below the
/// kernel's ephemeral range: a port the OS hands out for port 0 is the kind it also gives to the next
/// outgoing connection, so between picking and binding someone else's client could take it.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 20_000;

    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static int _next = Random.Shared.Next(Lowest, Highest);

    /// <summary>A loopback port nobody listens on right now, and none this process handed out before.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Highest - Lowest; attempt++)
        {
            var port = Lowest + ((Interlocked.Increment(ref _next) - Lowest) % (Highest - Lowest + 1));
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"no free loopback port between {Lowest} and {Highest}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Linux's `ip_local_port_range` (32768 by default); elsewhere a conservative guess.</summary>
    private static int EphemeralRangeStart()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(path) ? File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
        return int.TryParse(first, out var start) && start > Lowest + 1_000 ? start : 32_768;
    }
}

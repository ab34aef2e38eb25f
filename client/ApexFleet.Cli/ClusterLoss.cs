using System.Data.Common;
using System.Net.Sockets;
using Orleans.Runtime.Messaging;

namespace ApexFleet.Cli;

/// <summary>Tells the exceptions that mean "the cluster went away" from every other failure.</summary>
public static class ClusterLoss
{
    /// <summary>
    /// The exception, <paramref name="exception"/> or one inside it, that says a silo, the database
    /// or the connection to them was lost; null when it says something else (a bug, a cancellation).
    /// </summary>
    public static Exception? Find(Exception exception) => exception switch
    {
        // SiloUnavailableException is an OrleansMessageRejectionException.
        OrleansMessageRejectionException or ConnectionFailedException or SocketException or DbException => exception,
        // A grain call whose silo died without a word ends in Orleans' response timeout.
        TimeoutException => exception,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(e => e is not null),
        { InnerException: { } inner } => Find(inner),
        _ => null,
    };

    /// <summary>The one `error:` line for a simulation that lost its cluster.</summary>
    public static string Describe(Exception loss, string clusterId, string deploymentId) =>
        $"lost the cluster '{clusterId}' during the simulation ({loss.GetType().Name}: {loss.Message.Split('\n')[0].Trim()}); " +
        $"if rollout '{deploymentId}' had started, it stays there and the cluster judges it itself (see `rollout status {deploymentId}`)";
}

using System.Net.Sockets;
using ApexFleet.Cli;
using ApexFleet.Cli.Commands;
using Orleans.Runtime.Messaging;

namespace ApexFleet.Integration.Tests;

/// <summary>`simulate --connection` that loses its cluster: its own exit code, not "rolled back". No database needed.</summary>
public class ClusterLossTests
{
    public static TheoryData<Exception> Losses() =>
    [
        new SiloUnavailableException("silo S127.0.0.1:11112:0 is unavailable"),
        new ConnectionFailedException("unable to connect to endpoint"),
        new TimeoutException("Response did not arrive on time in 00:00:30"),
        new SocketException((int)SocketError.ConnectionRefused),
        new AggregateException(new InvalidOperationException("unrelated"), new SiloUnavailableException()),
        new OrleansException("wrapped", new ConnectionFailedException("refused")),
    ];

    [Theory]
    [MemberData(nameof(Losses))]
    public void A_lost_silo_database_or_connection_is_a_cluster_loss(Exception exception) =>
        Assert.NotNull(ClusterLoss.Find(exception));

    [Fact]
    public void Other_failures_are_not_a_cluster_loss()
    {
        Assert.Null(ClusterLoss.Find(new InvalidOperationException("deployment 'x' has not been started")));
        Assert.Null(ClusterLoss.Find(new OperationCanceledException()));
        Assert.Null(ClusterLoss.Find(new AggregateException(new ArgumentException("bad"))));
    }

    [Fact]
    public void The_loss_has_its_own_exit_code_one_error_line_and_a_word_in_the_help()
    {
        var codes = new[] { ExitCodes.Ok, ExitCodes.RolloutFailed, ExitCodes.BadInput, ExitCodes.Unfinished, ExitCodes.Unavailable };
        Assert.DoesNotContain(ExitCodes.ClusterLost, codes);

        var wrapped = new OrleansException("call failed", new SiloUnavailableException("silo S10.0.0.7:11111:0 is unavailable\nat ..."));
        var line = ClusterLoss.Describe(ClusterLoss.Find(wrapped)!, "apexfleet", "sim-20260105-classifier-2-0-0");
        Assert.Equal(
            "lost the cluster 'apexfleet' during the simulation (SiloUnavailableException: silo S10.0.0.7:11111:0 is unavailable); " +
            "if rollout 'sim-20260105-classifier-2-0-0' had started, it stays there and the cluster judges it itself (see `rollout status sim-20260105-classifier-2-0-0`)",
            line);

        Assert.Contains($"{ExitCodes.ClusterLost}: lost the cluster during the run", SimulateCommand.Create().Description, StringComparison.Ordinal);
    }
}

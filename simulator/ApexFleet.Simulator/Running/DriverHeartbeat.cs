using ApexFleet.Abstractions.Deployments;

namespace ApexFleet.Simulator.Running;

/// <summary>
/// Tells a deployment every few seconds that its driver is still there, so that a cluster does not
/// take over a rollout whose tick is merely long (a large fleet on a shared cluster takes minutes a
/// tick; a silo's grace period is 30 s by default). When the simulator dies, the beat stops and the
/// cluster judges the rollout itself.
/// </summary>
public sealed class DriverHeartbeat : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private DriverHeartbeat(IDeploymentGrain deployment, TimeSpan interval) => _loop = BeatAsync(deployment, interval, _stop.Token);

    public static DriverHeartbeat Start(IDeploymentGrain deployment, TimeSpan? interval = null) => new(deployment, interval ?? Interval);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task BeatAsync(IDeploymentGrain deployment, TimeSpan interval, CancellationToken token)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                try
                {
                    await deployment.DriverHeartbeat().WaitAsync(token);
                }
                catch (Exception)
                {
                    // A missed beat is no error of its own: a lost cluster fails the run's next call.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

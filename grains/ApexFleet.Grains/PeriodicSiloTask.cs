namespace ApexFleet.Grains;

/// <summary>
/// Work a silo repeats on an interval while it is active (flushing deltas, refreshing caches).
/// A failing tick is reported and retried on the next one; it never stops the loop or the silo.
/// </summary>
public abstract class PeriodicSiloTask(int stage) : ILifecycleParticipant<ISiloLifecycle>
{
    private CancellationTokenSource? _stop;
    private Task? _loop;

    protected abstract TimeSpan Interval { get; }

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(GetType().Name, stage, OnStart, OnStop);

    protected abstract Task TickAsync();

    protected abstract void OnTickFailed(Exception exception);

    /// <summary>Runs once after the loop has stopped, while the silo can still call grains.</summary>
    protected virtual Task OnStoppedAsync() => Task.CompletedTask;

    private Task OnStart(CancellationToken _)
    {
        _stop = new CancellationTokenSource();
        _loop = RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken _)
    {
        if (_stop is null || _loop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        await OnStoppedAsync();
    }

    private async Task RunAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await TickAsync();
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    OnTickFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(token));
        }
        catch (OperationCanceledException)
        {
        }
    }
}

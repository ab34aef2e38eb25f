namespace ApexFleet.LoadTest.Links;

/// <summary>One client connection to the cluster that many virtual agents share.</summary>
public interface ILoadConnection : IAsyncDisposable
{
    IDeviceChannel Device(string deviceId);
}

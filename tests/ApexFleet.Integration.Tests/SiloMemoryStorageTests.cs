using ApexFleet.Abstractions.Devices;
using ApexFleet.Cli.Commands;
using ApexFleet.Domain.Fleet;
using ApexFleet.Grains;
using ApexFleet.Grains.Devices;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Hosting;
using ApexFleet.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;

namespace ApexFleet.Integration.Tests;

/// <summary>The one-silo fleet's own state store: Orleans' storage contract, and a device that survives deactivation.</summary>
public class SiloMemoryStorageTests
{
    private static readonly GrainId Phone = GrainId.Create("device", "phone-1");

    private static SiloMemoryGrainStorage NewStorage() =>
        new(new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>());

    [Fact]
    public async Task A_state_never_written_reads_as_absent()
    {
        var state = new GrainState<int[]> { State = [7] };

        await NewStorage().ReadStateAsync("device", Phone, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Equal([7], state.State);
    }

    [Fact]
    public async Task Writes_read_back_exactly_as_they_grew_and_shrank()
    {
        var storage = NewStorage();
        var state = new GrainState<int[]> { State = [1, 2, 3] };
        await storage.WriteStateAsync("device", Phone, state);
        var first = state.ETag;
        state.State = [.. Enumerable.Range(0, 500)];
        await storage.WriteStateAsync("device", Phone, state);
        state.State = [42];
        await storage.WriteStateAsync("device", Phone, state);

        var read = new GrainState<int[]>();
        await storage.ReadStateAsync("device", Phone, read);

        Assert.True(read.RecordExists);
        Assert.Equal([42], read.State!);
        Assert.Equal(state.ETag, read.ETag);
        Assert.NotEqual(first, read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_leaves_the_stored_state_alone()
    {
        var storage = NewStorage();
        var mine = new GrainState<string> { State = "first" };
        await storage.WriteStateAsync("device", Phone, mine);
        var stale = new GrainState<string> { State = "stale", ETag = mine.ETag };
        await storage.WriteStateAsync("device", Phone, mine);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("device", Phone, stale));

        Assert.Contains("state 'device' of device/phone-1", error.Message, StringComparison.Ordinal);
        var read = new GrainState<string>();
        await storage.ReadStateAsync("device", Phone, read);
        Assert.Equal("first", read.State);
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_and_can_be_written_again()
    {
        var storage = NewStorage();
        var state = new GrainState<string> { State = "x" };
        await storage.WriteStateAsync("device", Phone, state);

        await storage.ClearStateAsync("device", Phone, state);
        var read = new GrainState<string>();
        await storage.ReadStateAsync("device", Phone, read);
        Assert.False(read.RecordExists);

        state.State = "y";
        await storage.WriteStateAsync("device", Phone, state);
        await storage.ReadStateAsync("device", Phone, read);
        Assert.Equal(("y", true), (read.State, read.RecordExists));
    }

    [Fact]
    public async Task State_names_and_grains_are_kept_apart()
    {
        var storage = NewStorage();
        await storage.WriteStateAsync("device", Phone, new GrainState<string> { State = "device" });
        await storage.WriteStateAsync("cohort", Phone, new GrainState<string> { State = "cohort" });
        await storage.WriteStateAsync("device", GrainId.Create("device", "phone-2"), new GrainState<string> { State = "other" });

        var read = new GrainState<string>();
        await storage.ReadStateAsync("device", Phone, read);

        Assert.Equal("device", read.State);
    }

    [Fact]
    public async Task A_device_on_a_one_silo_fleet_comes_back_from_deactivation_with_its_counters()
    {
        await using var fleet = await FleetHost.StartAsync(new FleetSiloOptions
        {
            SiloPort = EmbeddedFleet.FreePort(),
            GatewayPort = EmbeddedFleet.FreePort(),
            ClusterId = $"silo-memory-{Guid.NewGuid():N}",
        });
        var slot = new ModelSlot("m", "1.0.0", Precision.Int8);
        var device = fleet.Grains.GetGrain<IDeviceGrain>("mem-phone-1");
        await device.Enroll(new DeviceProfile("snapdragon-660", "Snapdragon 660", "low", "android", "13", "latam", "7.4.0", "west"), slot);
        await device.Report(new TelemetryReport { Sequence = 1, At = DateTimeOffset.UnixEpoch, Running = slot, LatenciesMs = [12f, 14f], Counters = new() { Crashes = 1 } });
        var before = await device.GetSnapshot();

        // Going idle saves the unsaved report; the next call activates the grain again from storage.
        await device.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var after = await device.GetSnapshot();

        Assert.Equivalent(before, after, strict: true);
        Assert.Equal((1L, 2L, 1L), (after.LastSequence, after.Counters.Inferences, after.Counters.Crashes));
        var storage = Assert.IsType<SiloMemoryGrainStorage>(fleet.Services.GetRequiredKeyedService<IGrainStorage>(FleetStorage.ProviderName));
        var stored = new GrainState<DeviceState>();
        await storage.ReadStateAsync(FleetStorage.DeviceState, device.GetGrainId(), stored);
        Assert.Equal(1L, stored.State!.Device.LastSequence);
    }
}

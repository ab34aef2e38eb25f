using ApexFleet.Abstractions.Registry;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Testing;

namespace ApexFleet.Grains.Tests;

[Collection(FleetClusterCollection.Name)]
public sealed class RegistryGrainTests(FleetClusterFixture fixture)
{
    [Fact]
    public async Task A_version_is_kept_once_and_a_retry_changes_nothing()
    {
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>("grain-immutable");
        var v1 = Manifest("grain-immutable", "1.0.0", 1);

        var first = await registry.Register(Signed(v1));
        var again = await registry.Register(Signed(v1));
        var other = await registry.Register(Signed(Manifest("grain-immutable", "1.0.0", 2)));

        Assert.True(first.Added);
        Assert.False(again.Added);
        Assert.Equal((first.Entry!.Signature, first.Entry.RegisteredAt), (again.Entry!.Signature, again.Entry.RegisteredAt));
        Assert.Equal(UploadRefusal.VersionExists, other.Refusal);
        Assert.Null(other.Entry);
        var kept = Assert.Single(await registry.GetArtifacts());
        Assert.Equal(v1.Digest, kept.Manifest.Digest);
        Assert.Contains("grain-immutable", await fixture.Grains.GetGrain<IModelCatalogGrain>(0).GetModels());
    }

    [Fact]
    public async Task The_grain_checks_signatures_itself()
    {
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>("grain-signed");
        var manifest = Manifest("grain-signed", "1.0.0", 3);
        using var stranger = SigningKey.Generate();

        var unsigned = await registry.Register(new SignedArtifact(manifest, null, null));
        var untrusted = await registry.Register(new SignedArtifact(manifest, stranger.KeyId, Convert.ToBase64String(stranger.Sign(manifest))));
        var altered = await registry.Register(Signed(manifest) with { Manifest = manifest with { SizeBytes = manifest.SizeBytes + 1 } });
        var elsewhere = await fixture.Grains.GetGrain<IModelRegistryGrain>("other-model").Register(Signed(manifest));

        Assert.Equal(UploadRefusal.Unsigned, unsigned.Refusal);
        Assert.Equal(UploadRefusal.UntrustedKey, untrusted.Refusal);
        Assert.Contains(stranger.KeyId, untrusted.Problem, StringComparison.Ordinal);
        Assert.Equal(UploadRefusal.BadSignature, altered.Refusal);
        Assert.Equal(UploadRefusal.InvalidManifest, elsewhere.Refusal);
        Assert.Empty(await registry.GetArtifacts());
    }

    [Fact]
    public async Task A_new_version_starts_its_delta_from_its_parent_of_the_same_variant()
    {
        var registry = fixture.Grains.GetGrain<IModelRegistryGrain>("grain-delta");
        var v1 = Manifest("grain-delta", "1.0.0", 4);
        var v1Int4 = Manifest("grain-delta", "1.0.0", 5) with { Variant = Precision.Int4 };
        var v15 = Manifest("grain-delta", "1.5.0", 6);
        await registry.Register(Signed(v1));
        await registry.Register(Signed(v1Int4));
        await registry.Register(Signed(v15));

        var v2 = await registry.Register(Signed(Manifest("grain-delta", "2.0.0", 7) with { ParentVersion = "1.0.0" }));
        var v3 = await registry.Register(Signed(Manifest("grain-delta", "3.0.0", 8)));

        Assert.Equal(v1.Digest, v2.DeltaBase?.Manifest.Digest);
        Assert.Equal("2.0.0", v3.DeltaBase?.Manifest.Version);
        Assert.Null((await registry.Register(Signed(Manifest("grain-delta", "1.0.0", 9) with { Variant = Precision.Fp16 }))).DeltaBase);

        var delta = new ArtifactDelta("1.0.0", v1.Digest, ArtifactDigest.Of("delta"u8), 123);
        await registry.RecordDelta("2.0.0", Precision.Int8, delta);
        var found = await registry.Find("2.0.0", Precision.Int8);
        Assert.Equal(delta, found?.Delta);
        Assert.Equal(new DeltaOffer("1.0.0", v1.Digest, "/api/models/grain-delta/2.0.0/INT8/delta", 123), found!.ToOffer().Delta);
        Assert.Null(await registry.Find("2.0.0", Precision.Int4));
    }

    private static ArtifactManifest Manifest(string model, string version, int seed)
    {
        var bytes = RegistryTestArtifacts.Weights(2, 16, seed);
        return new ArtifactManifest(model, version, Precision.Int8, ArtifactDigest.Of(bytes), bytes.Length, DataClassification: "Public",
            Benchmarks: [new ChipsetBenchmark("snapdragon-8-gen-3", 12, 3, 90, 40)]);
    }

    private static SignedArtifact Signed(ArtifactManifest manifest) =>
        new(manifest, FleetClusterFixture.RegistryKey.KeyId, Convert.ToBase64String(FleetClusterFixture.RegistryKey.Sign(manifest)));
}

using System.Text;
using ApexFleet.Domain.Fleet;
using ApexFleet.Domain.Registry;
using ApexFleet.Testing;

namespace ApexFleet.Domain.Tests.Registry;

public class SignatureTests
{
    [Fact]
    public void A_digest_is_sha256_of_the_bytes()
    {
        // FIPS 180-2's example "abc".
        Assert.Equal("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ArtifactDigest.Of("abc"u8));
        Assert.True(ArtifactDigest.IsWellFormed(ArtifactDigest.Of("abc"u8)));
        Assert.False(ArtifactDigest.IsWellFormed("sha256:BA7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.False(ArtifactDigest.IsWellFormed("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    [Fact]
    public void A_private_key_gives_the_public_key_of_RFC_8032_test_1()
    {
        var secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        using var key = SigningKey.Parse(Convert.ToBase64String(secret), "test");

        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(key.PublicKeyBytes));
        Assert.Equal(16, key.KeyId.Length);
    }

    [Fact]
    public void The_payload_is_one_line_per_field_in_a_fixed_order()
    {
        var manifest = new ArtifactManifest("m", "2.0.0", Precision.Int8, ArtifactDigest.Of("abc"u8), 3, "1.0.0", "ds", "GDPR_Sensitive",
            new EthicalAssessment(EthicalStatus.Approved, "board", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1))),
            [new ChipsetBenchmark("z", 1.5, 2, 90, 40), new ChipsetBenchmark("a", 0.1, 0, 100, 1)]);

        Assert.Equal(
            "apexfleet-artifact-v1\nmodel=m\nversion=2.0.0\nvariant=INT8\n"
            + "digest=sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\nsize=3\n"
            + "parent=1.0.0\ntraining=ds\nclassification=GDPR_Sensitive\nethics=Approved|board|2026-11-30T09:00:00.0000000+00:00\n"
            + "benchmark=a|0.1|0|100|1\nbenchmark=z|1.5|2|90|40\n",
            Encoding.UTF8.GetString(SignaturePayload.Of(manifest)));
    }

    [Fact]
    public void A_signature_by_a_trusted_key_passes_and_any_changed_field_fails()
    {
        using var key = SigningKey.Generate();
        var trusted = TrustedKeys.Parse($"# release keys\n\n{key.PublicKeyText}\n", "trusted.keys");
        var manifest = RegistryTestArtifacts.Manifest(RegistryTestArtifacts.Weights(4, 16, 1));
        var signature = key.Sign(manifest);

        Assert.Null(UploadCheck.Signature(manifest, key.KeyId, signature, trusted));
        foreach (var changed in new[]
        {
            manifest with { Version = "2.0.1" },
            manifest with { Variant = Precision.Int4 },
            manifest with { DataClassification = "Public" },
            manifest with { Ethics = manifest.Ethics! with { Status = EthicalStatus.Pending } },
            manifest with { Benchmarks = [new ChipsetBenchmark("snapdragon-8-gen-3", 10, 3.25, 91.5, 48)] },
        })
        {
            Assert.Equal(UploadRefusal.BadSignature, UploadCheck.Signature(changed, key.KeyId, signature, trusted)!.Refusal);
        }
    }

    [Fact]
    public void A_one_byte_tamper_changes_the_digest_so_the_registry_refuses_it()
    {
        var bytes = RegistryTestArtifacts.Weights(4, 256, 2);
        var manifest = RegistryTestArtifacts.Manifest(bytes);
        var tampered = (byte[])bytes.Clone();
        tampered[1000] ^= 0x01;

        Assert.Null(UploadCheck.Bytes(manifest, ArtifactDigest.Of(bytes), bytes.Length));
        var problem = UploadCheck.Bytes(manifest, ArtifactDigest.Of(tampered), tampered.Length);
        Assert.Equal(UploadRefusal.DigestMismatch, problem!.Refusal);
        Assert.Contains(ArtifactDigest.Of(tampered), problem.Message, StringComparison.Ordinal);
        Assert.Contains(manifest.Digest, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsigned_and_untrusted_uploads_are_refused_naming_the_key()
    {
        using var trustedKey = SigningKey.Generate();
        using var stranger = SigningKey.Generate();
        var trusted = TrustedKeys.Parse(trustedKey.PublicKeyText, "trusted.keys");
        var manifest = RegistryTestArtifacts.Manifest(RegistryTestArtifacts.Weights(2, 8, 3));

        Assert.Equal(UploadRefusal.Unsigned, UploadCheck.Signature(manifest, null, [], trusted)!.Refusal);
        Assert.Equal(UploadRefusal.Unsigned, UploadCheck.Signature(manifest, trustedKey.KeyId, [], trusted)!.Refusal);
        var untrusted = UploadCheck.Signature(manifest, stranger.KeyId, stranger.Sign(manifest), trusted)!;
        Assert.Equal(UploadRefusal.UntrustedKey, untrusted.Refusal);
        Assert.Contains(stranger.KeyId, untrusted.Message, StringComparison.Ordinal);
        Assert.Contains(trustedKey.KeyId, untrusted.Message, StringComparison.Ordinal);

        // A trusted key id on a stranger's signature is a forgery, not a trust question.
        Assert.Equal(UploadRefusal.BadSignature, UploadCheck.Signature(manifest, trustedKey.KeyId, stranger.Sign(manifest), trusted)!.Refusal);
    }

    [Fact]
    public void A_version_is_immutable_but_the_same_push_again_is_accepted()
    {
        var first = RegistryTestArtifacts.Manifest(RegistryTestArtifacts.Weights(2, 8, 4));
        var other = RegistryTestArtifacts.Manifest(RegistryTestArtifacts.Weights(2, 8, 5));

        Assert.Null(UploadCheck.Immutable(null, first));
        Assert.Null(UploadCheck.Immutable(first, first with { Benchmarks = [.. first.Benchmarks!] }));
        var problem = UploadCheck.Immutable(first, other)!;
        Assert.Equal(UploadRefusal.VersionExists, problem.Refusal);
        Assert.Equal($"model image-classifier version 2.0.0 variant INT8 already exists with other bytes ({first.Digest}, not {other.Digest}); versions are immutable: push a new version", problem.Message);
        Assert.Equal(UploadRefusal.VersionExists, UploadCheck.Immutable(first, first with { TrainingData = "other" })!.Refusal);
    }

    [Fact]
    public void A_malformed_manifest_names_its_field()
    {
        var manifest = RegistryTestArtifacts.Manifest(RegistryTestArtifacts.Weights(2, 8, 6));
        using var key = SigningKey.Generate();
        var trusted = new TrustedKeys([TrustedKey.Parse(key.PublicKeyText, "k")]);

        Assert.Contains("version 'a/b'", UploadCheck.Signature(manifest with { Version = "a/b" }, key.KeyId, [1], trusted)!.Message, StringComparison.Ordinal);
        Assert.Contains("digest 'sha256:x'", UploadCheck.Signature(manifest with { Digest = "sha256:x" }, key.KeyId, [1], trusted)!.Message, StringComparison.Ordinal);
        Assert.Contains("chipset 'x'", UploadCheck.Signature(manifest with { Benchmarks = [new("x", -1, 0, 50, 1)] }, key.KeyId, [1], trusted)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_key_file_names_its_line()
    {
        var error = Assert.Throws<FormatException>(() => TrustedKeys.Parse("# keys\nnot base64!\n", "trusted.keys"));
        Assert.StartsWith("trusted.keys:2:", error.Message, StringComparison.Ordinal);
    }
}

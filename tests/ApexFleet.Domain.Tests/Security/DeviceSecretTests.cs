using ApexFleet.Domain.Security;

namespace ApexFleet.Domain.Tests.Security;

public class DeviceSecretTests
{
    [Fact]
    public void The_stored_hash_is_the_sha256_of_the_secret()
    {
        // FIPS 180-2's first SHA-256 example: "abc".
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(new DeviceSecret("phone", "abc").Hash()));
    }

    [Fact]
    public void Only_the_same_secret_matches_a_stored_hash()
    {
        var issued = DeviceSecret.Generate("phone-1");
        var stored = issued.Hash();

        Assert.True(issued.Matches(stored));
        Assert.True(DeviceSecret.Parse(issued.Credential)!.Value.Matches(stored));
        Assert.False(DeviceSecret.Generate("phone-1").Matches(stored));
        Assert.False(issued.Matches(stored.AsSpan(0, 31)));
        Assert.False(issued.Matches([]));
    }

    [Fact]
    public void A_generated_secret_is_32_random_bytes_in_base64url()
    {
        var a = DeviceSecret.Generate("p");
        var b = DeviceSecret.Generate("p");

        Assert.Equal(43, a.Secret.Length);
        Assert.DoesNotContain('.', a.Secret);
        Assert.DoesNotContain('+', a.Secret);
        Assert.DoesNotContain('/', a.Secret);
        Assert.NotEqual(a.Secret, b.Secret);
    }

    [Theory]
    [InlineData("phone-1.s3cret", "phone-1", "s3cret")]
    [InlineData("eu.phone.1.s3cret", "eu.phone.1", "s3cret")]
    public void A_credential_splits_at_its_last_dot(string credential, string device, string secret) =>
        Assert.Equal(new DeviceSecret(device, secret), DeviceSecret.Parse(credential));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("nodot")]
    [InlineData(".secret")]
    [InlineData("phone.")]
    public void Anything_else_is_no_credential(string? credential) => Assert.Null(DeviceSecret.Parse(credential));

    [Fact]
    public void Printing_a_credential_hides_the_secret()
    {
        var issued = DeviceSecret.Generate("phone-1");

        Assert.Equal("phone-1.***", issued.ToString());
        Assert.DoesNotContain(issued.Secret, $"{issued}", StringComparison.Ordinal);
    }
}

using System.Net;
using ApexFleet.LoadTest.Targets;

namespace ApexFleet.LoadTest.Tests;

public class LoopbackTargetTests
{
    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("localhost:31000", "127.0.0.1", 31000)]
    [InlineData("127.0.0.53:1", "127.0.0.53", 1)]
    [InlineData("[::1]:30000", "::1", 30000)]
    public void A_loopback_gateway_is_taken(string text, string address, int port) =>
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), LoopbackTarget.ParseGateway(text));

    [Theory]
    [InlineData("10.0.0.5:30000", "10.0.0.5 is not a loopback address")]
    [InlineData("example.com:30000", "'example.com' is not an IP address or localhost")]
    [InlineData("0.0.0.0:30000", "0.0.0.0 is not a loopback address")]
    [InlineData("127.0.0.1", "--gateway must be HOST:PORT")]
    [InlineData("127.0.0.1:0", "--gateway port must be a whole number from 1 to 65535 (got '0')")]
    [InlineData("127.0.0.1:http", "(got 'http')")]
    public void Any_other_gateway_is_refused_saying_why(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<TargetException>(() => LoopbackTarget.ParseGateway(text)).Message);

    [Fact]
    public void Urls_must_be_http_on_a_loopback_host()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), LoopbackTarget.ParseUrl("http://127.0.0.1:8080"));
        Assert.Equal(new Uri("http://localhost:8080/"), LoopbackTarget.ParseUrl("http://localhost:8080/"));
        Assert.Contains("192.168.1.2 is not a loopback address", Assert.Throws<TargetException>(() => LoopbackTarget.ParseUrl("http://192.168.1.2:8080")).Message);
        Assert.Contains("must be an http:// or https:// address", Assert.Throws<TargetException>(() => LoopbackTarget.ParseUrl("ftp://127.0.0.1/")).Message);
        Assert.Contains("--url: 'fleet.example' is not an IP address", Assert.Throws<TargetException>(() => LoopbackTarget.ParseUrl("http://fleet.example/")).Message);
    }
}

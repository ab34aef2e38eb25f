using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ApexFleet.Integration.Tests.Support;
using ApexFleet.Silo.Security;

namespace ApexFleet.Integration.Tests;

/// <summary>A real `apexfleet silo` process with a generated certificate: HTTPS only, and no secret in what it or the CLI prints.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class SecretsAndHttpsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("apexfleet-https-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task A_silo_given_a_certificate_speaks_https_only_and_no_secret_reaches_its_log_or_the_clis_output()
    {
        var ct = TestContext.Current.CancellationToken;
        var password = $"pfx-{Guid.NewGuid():N}";
        using var certificate = SelfSigned();
        var pfx = Path.Combine(_dir.FullName, "silo.pfx");
        var pem = Path.Combine(_dir.FullName, "silo.pem");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, password), ct);
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem(), ct);
        var data = Path.Combine(_dir.FullName, "data");

        var minted = await CliProcess.RunAsync("token", "create", "--role", "admin", "--name", "secret-tester", "--data-dir", data);
        Assert.True(minted.ExitCode == 0, minted.Stderr);
        var token = minted.Stdout.Trim();
        Assert.Single(minted.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(TokenKey.DefaultPath(data)));
        var key = (await File.ReadAllTextAsync(TokenKey.DefaultPath(data), ct)).Trim();

        var port = FleetHost.FreePort();
        using var silo = CliProcess.Start(
            "silo", "--http-port", Text(port), "--gateway-port", Text(FleetHost.FreePort()), "--silo-port", Text(FleetHost.FreePort()),
            "--cluster-id", $"https-{Guid.NewGuid():N}", "--data-dir", data, "--https-cert", pfx, "--https-cert-password", password);
        var log = new StringBuilder();
        silo.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        silo.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        silo.BeginOutputReadLine();
        silo.BeginErrorReadLine();
        var cli = new List<CliProcess.Result>();
        try
        {
            // Only this certificate is trusted: the silo presents the one it was given.
            using var https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint })
            {
                BaseAddress = new Uri($"https://127.0.0.1:{port}"),
            };
            await WaitUpAsync(https, silo, log);

            Assert.Equal(HttpStatusCode.Unauthorized, (await https.GetAsync("/api/rollouts", ct)).StatusCode);
            https.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/api/rollouts", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await https.PostAsync("/api/rollouts", new StringContent("kind: nothing"), ct)).StatusCode);
            https.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await https.GetAsync("/api/rollouts", ct)).StatusCode);

            using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("/health", ct));

            // The CLI trusts the certificate through OpenSSL's SSL_CERT_FILE and takes its token from APEXFLEET_TOKEN or --token.
            var url = $"https://127.0.0.1:{port}";
            cli.Add(await CliProcess.RunWithEnvironmentAsync(
                new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem, ["APEXFLEET_TOKEN"] = token }, "model", "list", "--url", url, "--json"));
            Assert.True(cli[^1].ExitCode == 0, cli[^1].Stdout + cli[^1].Stderr);
            Assert.Equal("[]", cli[^1].Stdout.Trim());
            cli.Add(await CliProcess.RunWithEnvironmentAsync(
                new Dictionary<string, string> { ["SSL_CERT_FILE"] = pem }, "model", "list", "--url", url, "--token", token + "x", "--json"));
            Assert.Equal(2, cli[^1].ExitCode);
            Assert.Contains("401 Unauthorized", cli[^1].Stderr, StringComparison.Ordinal);
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync(CancellationToken.None);
        }

        var printed = log + string.Join("\n", cli.Select(r => r.Stdout + r.Stderr)) + minted.Stderr;
        Assert.Contains("Silo up", printed, StringComparison.Ordinal);
        Assert.Contains($"https://127.0.0.1:{port}", printed, StringComparison.Ordinal);
        foreach (var (what, secret) in new[] { ("token", token), ("certificate password", password), ("token key", key) })
        {
            Assert.False(printed.Contains(secret, StringComparison.Ordinal), $"the {what} was printed");
        }
    }

    [Fact]
    public async Task A_wrong_certificate_password_or_a_readable_key_stops_the_silo_with_a_clear_error()
    {
        using var certificate = SelfSigned();
        var pfx = Path.Combine(_dir.FullName, "silo.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "right"), TestContext.Current.CancellationToken);
        var badPassword = await CliProcess.RunAsync("silo", "--https-cert", pfx, "--https-cert-password", "wrong-one", "--data-dir", _dir.FullName);
        Assert.Equal(2, badPassword.ExitCode);
        Assert.Equal($"error: --https-cert {pfx}: not a PKCS#12 (.pfx) file, or the password (--https-cert-password) does not open it", badPassword.Stderr.Trim());

        var key = Path.Combine(_dir.FullName, "open.key");
        await File.WriteAllTextAsync(key, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var readable = await CliProcess.RunAsync("token", "create", "--role", "viewer", "--key-file", key);
        Assert.Equal(2, readable.ExitCode);
        Assert.Equal($"error: {key}: others can read this token key (mode 604); `chmod 600 {key}`", readable.Stderr.Trim());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static async Task WaitUpAsync(HttpClient https, Process silo, StringBuilder log)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await https.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet; whether it ever will is the check below.
            }

            if (silo.HasExited || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                lock (log)
                {
                    Assert.Fail($"the silo did not come up over HTTPS: {log}");
                }
            }

            await Task.Delay(250);
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ApexFleet.Silo.Security;

/// <summary>The certificate the silo's HTTP endpoints present when started with <c>--https-cert</c>.</summary>
public static class HttpsCertificate
{
    public static X509Certificate2 Load(string file, string? password) => X509CertificateLoader.LoadPkcs12FromFile(file, password);

    /// <summary>Why the file cannot serve HTTPS, or null. Never repeats the password.</summary>
    public static string? Problem(string file, string? password)
    {
        try
        {
            using var certificate = Load(file, password);
            return certificate.HasPrivateKey ? null : $"--https-cert {file}: the certificate has no private key (export it as .pfx with its key)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"--https-cert {file}: {ex.Message}";
        }
        catch (CryptographicException)
        {
            return $"--https-cert {file}: not a PKCS#12 (.pfx) file, or the password (--https-cert-password) does not open it";
        }
    }
}

using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ApexFleet.Silo.Security;

/// <summary>
/// The HMAC-SHA256 key that signs and checks the silo's tokens: given (<c>--jwt-key-file</c>) or made
/// once under the data directory, readable by its owner only. Anyone with the file can mint an admin token.
/// </summary>
public static class TokenKey
{
    public const string FileName = "jwt.key";
    /// <summary>HS256 wants a key at least as long as its hash (docs/REFERENCES.md, [R145]).</summary>
    public const int Bytes = 32;

    public static string DefaultPath(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Reads the key file, or creates it (mode 0600) when it is the data directory's own and absent.</summary>
    /// <exception cref="TokenKeyException">The file is unreadable, too short, not base64, or readable by others.</exception>
    public static SymmetricSecurityKey Load(string path, bool create)
    {
        if (create && !File.Exists(path) && TryCreate(path) is { } fresh)
        {
            return new SymmetricSecurityKey(fresh);
        }

        string text;
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
            {
                throw new TokenKeyException($"{path}: others can read this token key (mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}); `chmod 600 {path}`");
            }

            text = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TokenKeyException($"{path}: {ex.Message}");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new TokenKeyException($"{path}: a token key is one line of base64 ({Bytes} random bytes or more), e.g. `openssl rand -base64 {Bytes}`");
        }

        return key.Length >= Bytes
            ? new SymmetricSecurityKey(key)
            : throw new TokenKeyException($"{path}: the key is {key.Length} bytes; HMAC-SHA256 needs at least {Bytes}");
    }

    /// <summary>Writes a fresh key; null when another process made the file first (then that one is read).</summary>
    private static byte[]? TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var fresh = RandomNumberGenerator.GetBytes(Bytes);
        // Created with its final mode, so the key is never readable by others, not even for a moment.
        var owner = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(new FileStream(path, owner));
            writer.WriteLine(Convert.ToBase64String(fresh));
            return fresh;
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}

public sealed class TokenKeyException(string message) : Exception(message);
